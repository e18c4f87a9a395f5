/**
 * Checks a value before it is sent to Python as JSON. JSON.stringify silently turns NaN and
 * ±Infinity into null (Python then reports "got None"), drops functions and symbols, sends a Map as
 * `{}` and a typed array as an object with numeric keys. This finds the first such value and names
 * its position, so a wrong action fails here, with a message that says what to send instead.
 */

const identifier = /^[A-Za-z_$][\w$]*$/;

function segment(key: string): string {
  return identifier.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Typed arrays (not DataView), which the bridge sends as plain arrays. */
export function isTypedArray(value: unknown): value is ArrayLike<number | bigint> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/**
 * The first value under `value` (named `path`, e.g. "action") that JSON cannot carry as it is, as a
 * sentence naming its position (e.g. "action[2] is NaN, ..."), or undefined when all can be sent.
 * `undefined` object properties are allowed (JSON leaves them out, as for an absent option).
 */
export function findUnsendableValue(value: unknown, path: string): string | undefined {
  const enclosing = new Set<object>();
  const visit = (current: unknown, at: string, inArray: boolean): string | undefined => {
    if (
      current !== null &&
      typeof current === 'object' &&
      typeof (current as { toJSON?: unknown }).toJSON === 'function'
    ) {
      current = (current as { toJSON: (key: string) => unknown }).toJSON('');
    }
    switch (typeof current) {
      case 'string':
      case 'boolean':
        return undefined;
      case 'number':
        return Number.isFinite(current)
          ? undefined
          : `${at} is ${String(current)}, which JSON cannot carry (it would arrive in Python as None); send finite numbers`;
      case 'bigint':
        return `${at} is the BigInt ${String(current)}n, which JSON cannot carry; convert it with Number(...) or String(...)`;
      case 'undefined':
        return inArray
          ? `${at} is undefined, which would arrive in Python as None; fill the hole or use null on purpose`
          : undefined;
      case 'function':
      case 'symbol':
        return `${at} is a ${typeof current}, which JSON cannot carry (it would ${inArray ? 'arrive as None' : 'be dropped'}); send data only`;
    }
    if (current === null) return undefined;
    const object = current as object;
    if (object instanceof Map || object instanceof Set) {
      const kind = object instanceof Map ? 'Map' : 'Set';
      const fix = object instanceof Map ? 'Object.fromEntries(map)' : '[...set]';
      return `${at} is a ${kind}, which JSON would send as {}; convert it with ${fix}`;
    }
    if (enclosing.has(object)) return `${at} refers back to a value that contains it (a cycle)`;
    enclosing.add(object);
    try {
      if (Array.isArray(object) || isTypedArray(object)) {
        const items = object as ArrayLike<unknown>;
        for (let index = 0; index < items.length; index += 1) {
          const problem = visit(items[index], `${at}[${index}]`, true);
          if (problem !== undefined) return problem;
        }
        return undefined;
      }
      for (const [key, item] of Object.entries(object)) {
        const problem = visit(item, `${at}${segment(key)}`, false);
        if (problem !== undefined) return problem;
      }
      return undefined;
    } finally {
      enclosing.delete(object);
    }
  };
  return visit(value, path, false);
}
