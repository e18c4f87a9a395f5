import { bundle } from '../bundle/bundle.js';
import { isNode, type NodeInput } from '../graph/node.js';

/**
 * `container[key]` for arrays, strings (by code point; negative indices count from the end, as in
 * Python), records and Maps. A missing key is an error (so it becomes feedback) rather than a silent undefined.
 */
export const getItem = bundle(
  function getItem(container: unknown, key: unknown): any {
    if (Array.isArray(container) || typeof container === 'string') {
      const sequence = typeof container === 'string' ? codePoints(container) : container;
      const index = key as number;
      if (!Number.isInteger(index))
        throw new TypeError(`index must be an integer, got ${String(key)}`);
      const position = index < 0 ? sequence.length + index : index;
      if (position < 0 || position >= sequence.length) {
        throw new RangeError(`index ${index} is out of range for length ${sequence.length}`);
      }
      return sequence[position];
    }
    if (container instanceof Map) {
      if (!container.has(key)) throw new RangeError(`key ${String(key)} is not in the map`);
      return container.get(key);
    }
    if (typeof container === 'object' && container !== null) {
      if (!Object.hasOwn(container, key as PropertyKey)) {
        throw new RangeError(`key ${JSON.stringify(key)} is not in the record`);
      }
      return (container as Record<PropertyKey, unknown>)[key as PropertyKey];
    }
    throw new TypeError(`cannot index a value of type ${typeof container}`);
  },
  {
    name: 'getItem',
    description:
      '[getItem] Returns container[key] (an element of an array or string, or a value of a record).',
  },
);

/**
 * Length of an array, of a string in code points (as Python's `len`: an emoji counts 1), size of a Map
 * or Set, or number of keys of a record.
 */
export const length = bundle(
  function length(container: unknown): number {
    if (typeof container === 'string') return codePoints(container).length;
    if (Array.isArray(container)) return container.length;
    if (container instanceof Map || container instanceof Set) return container.size;
    if (typeof container === 'object' && container !== null) return Object.keys(container).length;
    throw new TypeError(`a value of type ${typeof container} has no length`);
  },
  {
    name: 'length',
    description: '[length] Returns the number of elements (or keys) of container.',
  },
);

/** Keys of a record (or Map), in insertion order. */
export const keys = bundle(
  function keys(record: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
    return record instanceof Map ? [...record.keys()] : Object.keys(record);
  },
  { name: 'keys', description: '[keys] Returns the keys of record.' },
);

/** Values of a record (or Map), in insertion order. */
export const values = bundle(
  function values(record: Record<string, unknown> | Map<unknown, unknown>): unknown[] {
    return record instanceof Map ? [...record.values()] : Object.values(record);
  },
  { name: 'values', description: '[values] Returns the values of record.' },
);

/** `[key, value]` pairs of a record (or Map). */
export const items = bundle(
  function items(record: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] {
    return record instanceof Map ? [...record.entries()] : Object.entries(record);
  },
  { name: 'items', description: '[items] Returns the [key, value] pairs of record.' },
);

/** Concatenation of two arrays or two strings. */
export const concat = bundle(
  function concat<T extends string | unknown[]>(a: T, b: T): T {
    if (typeof a === 'string' && typeof b === 'string') return (a + b) as T;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b] as T;
    throw new TypeError('concat needs two arrays or two strings');
  },
  { description: '[concat] Returns a followed by b (two arrays or two strings).' },
);

/** `container.slice(start, end)` for arrays, and for strings by code points (never half an emoji). */
export const slice = bundle(
  function slice<T extends string | unknown[]>(container: T, start: number, end?: number): T {
    if (typeof container === 'string') {
      const points = codePoints(container);
      return (
        typeof points === 'string' ? points.slice(start, end) : points.slice(start, end).join('')
      ) as T;
    }
    return container.slice(start, end) as T;
  },
  {
    description: '[slice] Returns the elements of container from start up to (not including) end.',
  },
);

/** Whether an array or string contains `item` (or a record has key `item`). */
export const includes = bundle(
  function includes(container: unknown, item: unknown): boolean {
    if (Array.isArray(container)) return container.includes(item);
    if (typeof container === 'string') return container.includes(String(item));
    if (container instanceof Map || container instanceof Set) return container.has(item);
    if (typeof container === 'object' && container !== null)
      return Object.hasOwn(container, item as PropertyKey);
    throw new TypeError(`cannot search a value of type ${typeof container}`);
  },
  { name: 'includes', description: '[includes] Returns whether container contains item.' },
);

/** An array of the given items, each recorded as an input. */
export const makeArray = bundle(
  function makeArray(...items: unknown[]): unknown[] {
    return items;
  },
  { name: 'makeArray', description: '[makeArray] Returns an array of the items.' },
);

const makeRecordOperator = bundle(
  function makeRecord(keys: string[], ...values: unknown[]): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    keys.forEach((key, position) => {
      // Defined, not assigned: a `__proto__` key is an entry, never the record's prototype.
      Object.defineProperty(record, key, {
        value: values[position],
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
    return record;
  },
  {
    name: 'makeRecord',
    description:
      '[makeRecord] Returns a record mapping each of keys to the value at the same position.',
  },
);

/** A record built from entries whose values may be nodes; each value is recorded as an input. */
export function makeRecord(entries: Readonly<Record<string, NodeInput<unknown>>>) {
  const names = Object.keys(entries);
  return makeRecordOperator(names, ...names.map((name) => entries[name]));
}

/** True for a plain object literal that holds at least one node (it must become a traced record). */
export function holdsNodes(value: unknown): value is Record<string, NodeInput<unknown>> {
  if (typeof value !== 'object' || value === null || isNode(value) || Array.isArray(value))
    return false;
  return Object.values(value).some(isNode);
}

/** A string's code points, as Python indexes it (a string without surrogates is its own units). */
function codePoints(text: string): readonly string[] | string {
  return /[\uD800-\uDFFF]/.test(text) ? [...text] : text;
}
