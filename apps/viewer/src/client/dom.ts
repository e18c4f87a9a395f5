/** A child of {@link el}: text (always inserted as a text node, never parsed as HTML) or a node. */
export type Child = Node | string | number | false | null | undefined;

/** Attributes of {@link el}; event handlers go in `on`, never as attribute text. */
export interface Attributes {
  readonly [name: string]: string | number | boolean | undefined;
}

/**
 * Creates an element. Run data only ever reaches the page through this function's text children and
 * attribute values (`setAttribute`), so prompts, replies and code are shown as text, never as HTML.
 */
export function el(tag: string, attributes: Attributes = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (/^on/i.test(name)) throw new Error(`Use addEventListener, not the ${name} attribute.`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (strings as text nodes). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** A button with a click handler. */
export function button(
  label: string,
  onClick: () => void,
  attributes: Attributes = {},
): HTMLElement {
  const element = el('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', onClick);
  return element;
}

/** A number for display: finite numbers with up to 4 significant decimals, else `—`. */
export function num(value: number | undefined | null, digits = 4): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(digits)).toString();
}

/** Dollars for display. */
export function usd(value: number | undefined): string {
  return value === undefined ? '—' : `$${value.toFixed(value < 0.01 && value > 0 ? 5 : 2)}`;
}
