/**
 * How parameter values are written to and read from JSON parameter files. JSON has no `undefined`,
 * `NaN`, `±Infinity` or `-0`; they are written as tagged objects (`{ "$trace": "NaN" }`) so that every
 * value a parameter may hold comes back exactly. A plain object that itself has a `$trace` key is
 * wrapped (`{ "$trace": "object", "entries": {...} }`) so that it is never mistaken for a tag.
 */

const tag = '$trace';

/** What kind of value a parameter holds, as checked when loading a file. */
export type ValueKind = 'undefined' | 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

/** The kind of a parameter value (numbers include NaN and ±Infinity). */
export function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined')
    return type;
  return 'object';
}

/**
 * The JSON-safe form of `value`. Throws a `TypeError` naming `path` for a value a file cannot hold
 * (functions, symbols, bigints, class instances such as Map, Set or Date).
 */
export function encodeValue(value: unknown, path: string): unknown {
  if (value === undefined) return { [tag]: 'undefined' };
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { [tag]: 'NaN' };
    if (value === Number.POSITIVE_INFINITY) return { [tag]: 'Infinity' };
    if (value === Number.NEGATIVE_INFINITY) return { [tag]: '-Infinity' };
    if (Object.is(value, -0)) return { [tag]: '-0' };
    return value;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    return Array.from(value, (item, index) => encodeValue(item, `${path}[${index}]`));
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      defineEntry(entries, key, encodeValue(item, `${path}.${key}`));
    }
    return Object.hasOwn(value, tag) ? { [tag]: 'object', entries } : entries;
  }
  const what =
    typeof value === 'object' ? `a ${value.constructor?.name ?? 'class instance'}` : typeof value;
  throw new TypeError(
    `'${path}' holds ${what}, which a parameter file cannot store. Parameters saved to a file must hold plain data: strings, numbers, booleans, null, undefined, arrays and plain objects of these.`,
  );
}

/** The value `encoded` stands for (the inverse of `encodeValue`). */
export function decodeValue(encoded: unknown): unknown {
  if (Array.isArray(encoded)) return encoded.map(decodeValue);
  if (encoded === null || typeof encoded !== 'object') return encoded;
  const record = encoded as Record<string, unknown>;
  if (Object.hasOwn(record, tag)) {
    switch (record[tag]) {
      case 'undefined':
        return undefined;
      case 'NaN':
        return Number.NaN;
      case 'Infinity':
        return Number.POSITIVE_INFINITY;
      case '-Infinity':
        return Number.NEGATIVE_INFINITY;
      case '-0':
        return -0;
      case 'object':
        return decodeEntries(record.entries as Record<string, unknown>);
      default:
        throw new TypeError(`unknown tagged value ${JSON.stringify(record[tag])}`);
    }
  }
  return decodeEntries(record);
}

function decodeEntries(record: Record<string, unknown>): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) defineEntry(decoded, key, decodeValue(item));
  return decoded;
}

/** Sets an own entry, `__proto__` included (assignment would set the prototype instead). */
function defineEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
