/**
 * The equality of `ops.equal`: `===` for primitives (so NaN differs from NaN and -0 equals 0, as in
 * JavaScript and Python), and structural for containers: arrays element by element, plain records by
 * their own enumerable keys in any order, Maps by key (as the Map finds keys) with values compared
 * structurally, Sets by membership (as the Set finds items), Dates by time value. Any other object
 * (a class instance, a function) equals only itself. Cycles compare equal where they line up.
 */
export function structuralEqual(a: unknown, b: unknown): boolean {
  return equalWithin(a, b, new Map());
}

function equalWithin(a: unknown, b: unknown, visiting: Map<object, Set<object>>): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const seen = visiting.get(a);
  if (seen?.has(b)) return true; // already being compared further up: assume equal there
  if (seen) seen.add(b);
  else visiting.set(a, new Set([b]));
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) {
      if (!equalWithin(a[index], b[index], visiting)) return false;
    }
    return true;
  }
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      if (!b.has(key) || !equalWithin(value, b.get(key), visiting)) return false;
    }
    return true;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set) || a.size !== b.size) return false;
    for (const item of a) if (!b.has(item)) return false;
    return true;
  }
  if (!isPlainRecord(a) || !isPlainRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    if (
      !equalWithin(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        visiting,
      )
    )
      return false;
  }
  return true;
}

function isPlainRecord(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
