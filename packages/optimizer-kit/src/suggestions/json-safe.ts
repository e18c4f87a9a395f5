/**
 * A JSON-serializable copy of any value, for step records and logs: non-finite numbers become the
 * strings `NaN`, `Infinity`, `-Infinity`; bigints `123n`; functions `[function name]`; Maps objects;
 * Sets arrays; Dates ISO strings; errors `{ name, message }`; values with a `toJSON` method (a URL)
 * what it returns; repeated references `[circular]`; `undefined` becomes `null` inside arrays and is
 * dropped from objects (as in `JSON.stringify`).
 */
export function toJsonSafe(value: unknown): unknown {
  return convert(value, new Set());
}

function convert(value: unknown, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return `${value}n`;
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    case 'symbol':
      return value.toString();
    case 'undefined':
      return null;
    case 'string':
    case 'boolean':
      return value;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.has(object)) return '[circular]';
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return object.map((item) => convert(item, ancestors));
    if (object instanceof Date) {
      return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    }
    if (object instanceof Error) return { name: object.name, message: object.message };
    const own = ownJson(object);
    if (typeof own !== 'symbol') return convert(own, ancestors);
    if (object instanceof Set) return [...object].map((item) => convert(item, ancestors));
    if (object instanceof Map) {
      const result: Record<string, unknown> = {};
      for (const [key, item] of object) define(result, String(key), convert(item, ancestors));
      return result;
    }
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      const item = (object as Record<string, unknown>)[key];
      if (item === undefined) continue;
      define(result, key, convert(item, ancestors));
    }
    return result;
  } finally {
    ancestors.delete(object);
  }
}

const noJson = Symbol('no toJSON');

/**
 * What `object.toJSON()` returns, or a symbol when it has no `toJSON` or it throws (a symbol is
 * never a `toJSON` result that JSON could hold).
 */
export function ownJson(object: object): unknown {
  const toJson = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJson !== 'function') return noJson;
  try {
    return toJson.call(object);
  } catch {
    return noJson;
  }
}

/** `JSON.stringify` of {@link toJsonSafe}: never throws, whatever the value. */
export function stringifyJsonSafe(value: unknown, indent?: number): string {
  return JSON.stringify(toJsonSafe(value), null, indent) ?? 'null';
}

/**
 * Whether two values are the same data: identical primitives (NaN equals NaN), or structures with
 * the same JSON content regardless of key order.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonical(toJsonSafe(a)) === canonical(toJsonSafe(b));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
