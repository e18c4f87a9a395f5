import { bundle } from '../bundle/bundle.js';
import { isNode, type NodeInput } from '../graph/node.js';
import { holdsNodes, makeArray, makeRecord } from './containers.js';

const formatOperator = bundle(
  function format(template: string, values: Record<string, unknown> | unknown[]): string {
    return template.replace(/\{([^{}\s"':]+)\}/g, (placeholder: string, key: string) => {
      if (!Object.hasOwn(values, key)) {
        throw new RangeError(
          `placeholder ${placeholder} has no value (available: ${Object.keys(values).join(', ')})`,
        );
      }
      return asText((values as Record<string, unknown>)[key]);
    });
  },
  {
    name: 'format',
    description:
      '[format] Returns template with each {key} replaced by values[key]; a placeholder without a value is an error.',
  },
);

/**
 * A value as text inside a string operator: strings as they are, anything else as JSON. A node met
 * inside the value is read through `data`, so a node the operator did not receive is a hidden
 * dependency (MISSING_INPUT) rather than its internals written into the text.
 */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isNode(value)) return asText(value.data);
  return JSON.stringify(value, readNodes);
}

/**
 * JSON replacer that writes a node as its value read through `data`. JSON applies `toJSON` (a node's
 * summary) before the replacer, so the node itself is taken from the holder.
 */
function readNodes(this: unknown, key: string, item: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  return isNode(original) ? original.data : item;
}

/** Traces an array or record literal that holds nodes, so each node is an input of the operator. */
function traceContainer<V>(value: V): V | ReturnType<typeof makeArray> {
  if (Array.isArray(value) && value.some(isNode)) return makeArray(...value);
  return holdsNodes(value) ? (makeRecord(value) as unknown as V) : value;
}

/**
 * Fills `{key}` placeholders of `template` from `values` (a record or an array for `{0}`, `{1}`...).
 * A placeholder is `{...}` holding no whitespace, quote or colon (`{first-name}` is one); one without a
 * value is an error. Other braces (`{"a": 1}`) are kept as written. A record or array literal holding
 * nodes is traced as a record or array, so each value appears in the graph.
 *
 * @example
 * const prompt = ops.format(template, { question, context }); // template and question are nodes
 */
export function format(
  template: NodeInput<string>,
  values: NodeInput<Record<string, unknown> | unknown[]> | Record<string, NodeInput<unknown>>,
) {
  return formatOperator(template, traceContainer(values) as NodeInput<Record<string, unknown>>);
}

const joinOperator = bundle(
  function join(separator: string, items: unknown[]): string {
    return items.map(asText).join(separator);
  },
  {
    name: 'join',
    description: '[join] Returns the items joined into one string with separator between them.',
  },
);

/**
 * `items.join(separator)`, strings as they are and other items as JSON. An array literal holding nodes
 * is traced as an array, so each item appears in the graph.
 */
export function join(
  separator: NodeInput<string>,
  items: NodeInput<unknown[]> | NodeInput<unknown>[],
) {
  return joinOperator(separator, traceContainer(items) as NodeInput<unknown[]>);
}

/** `text.split(separator)`; with no separator, splits on runs of whitespace (Python's default). */
export const split = bundle(
  function split(text: string, separator?: string): string[] {
    return separator === undefined
      ? text.trim().split(/\s+/).filter(Boolean)
      : text.split(separator);
  },
  {
    name: 'split',
    description:
      '[split] Returns the parts of text between occurrences of separator (whitespace by default).',
  },
);

/** `text` without leading and trailing whitespace (or the given characters). */
export const strip = bundle(
  function strip(text: string, characters?: string): string {
    if (characters === undefined) return text.trim();
    const strippable = new Set(characters); // code points, so an emoji is one character
    const points = [...text];
    let start = 0;
    let end = points.length;
    while (start < end && strippable.has(points[start]!)) start += 1;
    while (end > start && strippable.has(points[end - 1]!)) end -= 1;
    return points.slice(start, end).join('');
  },
  {
    name: 'strip',
    description:
      '[strip] Returns text without leading and trailing whitespace (or the given characters).',
  },
);

/**
 * `text` with every occurrence of `search` replaced by `replacement`. An empty search matches before
 * every code point and at the end, as in JavaScript's `replaceAll` and Python's `replace`
 * (`replace("ab", "", "-")` is `-a-b-`), without splitting an emoji.
 */
export const replace = bundle(
  function replace(text: string, search: string, replacement: string): string {
    if (search === '') {
      const points = [...text];
      return points.length === 0
        ? replacement
        : replacement + points.join(replacement) + replacement;
    }
    return text.split(search).join(replacement);
  },
  {
    name: 'replace',
    description: '[replace] Returns text with every occurrence of search replaced by replacement.',
  },
);

/** `text` in lower case. */
export const lower = bundle(
  function lower(text: string): string {
    return text.toLowerCase();
  },
  { name: 'lower', description: '[lower] Returns text in lower case.' },
);

/** `text` in upper case. */
export const upper = bundle(
  function upper(text: string): string {
    return text.toUpperCase();
  },
  { name: 'upper', description: '[upper] Returns text in upper case.' },
);

/** `text` with its first character upper case and the rest lower case (Python's capitalize). */
export const capitalize = bundle(
  function capitalize(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  },
  {
    name: 'capitalize',
    description:
      '[capitalize] Returns text with the first character in upper case and the rest in lower case.',
  },
);

/** Whether `text` starts with `prefix`. */
export const startsWith = bundle(
  function startsWith(text: string, prefix: string): boolean {
    return text.startsWith(prefix);
  },
  { name: 'startsWith', description: '[startsWith] Returns whether text starts with prefix.' },
);

/** Whether `text` ends with `suffix`. */
export const endsWith = bundle(
  function endsWith(text: string, suffix: string): boolean {
    return text.endsWith(suffix);
  },
  { name: 'endsWith', description: '[endsWith] Returns whether text ends with suffix.' },
);

/**
 * `String(value)`; records and arrays as JSON. A node inside the value is read through `data` (a node
 * the operator did not receive is a hidden dependency), never written as its internals.
 */
export const toText = bundle(
  function toText(value: unknown): string {
    return typeof value === 'object' && value !== null ? asText(value) : String(value);
  },
  { name: 'toText', description: '[toText] Returns value as text (records and arrays as JSON).' },
);
