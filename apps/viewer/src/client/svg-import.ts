const svgNamespace = 'http://www.w3.org/2000/svg';

/** SVG elements Graphviz draws with; `a` (from a DOT `URL`/`href`) is unwrapped, the rest dropped. */
const keptElements = new Set([
  'svg',
  'g',
  'title',
  'polygon',
  'polyline',
  'ellipse',
  'circle',
  'path',
  'rect',
  'line',
  'text',
  'tspan',
]);
const unwrappedElements = new Set(['a']);
const keptAttributes = new Set([
  'viewBox',
  'width',
  'height',
  'transform',
  'points',
  'd',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'fill-opacity',
  'stroke-opacity',
  'text-anchor',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-decoration',
  'class',
]);
/** Graphviz's own classes; a class a DOT file names is dropped. */
const keptClasses = new Set(['graph', 'node', 'edge', 'cluster']);

function copyInto(source: Element, parent: Element | DocumentFragment): void {
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      parent.appendChild(document.createTextNode(child.textContent ?? ''));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const element = child as Element;
    const name = element.localName;
    if (element.namespaceURI !== svgNamespace) continue;
    if (unwrappedElements.has(name)) {
      copyInto(element, parent);
      continue;
    }
    if (!keptElements.has(name)) continue;
    parent.appendChild(copyElement(element));
  }
}

function copyElement(source: Element): Element {
  const copy = document.createElementNS(svgNamespace, source.localName);
  for (const attribute of source.attributes) {
    if (attribute.namespaceURI !== null || !keptAttributes.has(attribute.name)) continue;
    let value = attribute.value;
    if (/url\s*\(|javascript:|expression\s*\(/i.test(value)) continue;
    if (attribute.name === 'class') {
      value = value
        .split(/\s+/)
        .filter((token) => keptClasses.has(token))
        .join(' ');
      if (value === '') continue;
    }
    copy.setAttribute(attribute.name, value);
  }
  copyInto(source, copy);
  return copy;
}

/**
 * Turns SVG text from Graphviz into an element of this page, keeping only drawing elements and
 * presentation attributes: no script, `foreignObject`, `style`, `image`, link, event handler, `id` or
 * `url(…)` reference can come through, whatever the DOT (an untrusted run file) said. Text is
 * copied as text nodes. Throws when the text is not SVG.
 */
export function importSvg(text: string): SVGSVGElement {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (root.localName !== 'svg' || root.namespaceURI !== svgNamespace) {
    throw new Error('Graphviz did not return an SVG document.');
  }
  return copyElement(root) as SVGSVGElement;
}
