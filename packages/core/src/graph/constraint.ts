/**
 * A constraint on a parameter's value. `text` is shown to optimizers; `validate`, when present, lets an
 * optimizer reject a proposal before applying it (return a reason to reject, or undefined to accept).
 */
export interface Constraint {
  /** Natural-language statement of the constraint, shown to the optimizer. */
  readonly text: string;
  /** Machine check: returns why `value` is invalid, or undefined when it is valid. */
  readonly validate?: (value: unknown) => string | undefined;
}

/** Normalizes a constraint given as text or as a `Constraint`. */
export function toConstraint(constraint: string | Constraint | undefined): Constraint | undefined {
  if (constraint === undefined) return undefined;
  return typeof constraint === 'string' ? { text: constraint } : constraint;
}

/** Ready-made machine-checkable constraints. */
export const constraints = {
  /** A number in `[min, max]`, optionally an integer. */
  range(min: number, max: number, options: { integer?: boolean } = {}): Constraint {
    const kind = options.integer ? 'an integer' : 'a number';
    return {
      text: `${kind} between ${min} and ${max} inclusive`,
      validate(value) {
        if (typeof value !== 'number' || Number.isNaN(value))
          return `expected ${kind}, got ${describe(value)}`;
        if (options.integer && !Number.isInteger(value)) return `expected an integer, got ${value}`;
        if (value < min || value > max) return `${value} is outside [${min}, ${max}]`;
        return undefined;
      },
    };
  },
  /**
   * One of a fixed list of values. Arrays and plain objects are compared by content (key order does
   * not matter), so `[1, 1]` is one of `[[0, 0], [1, 1]]`; other values as `Array.includes` does.
   */
  oneOf<T>(values: readonly T[]): Constraint {
    const listed = values.map(show).join(', ');
    return {
      text: `one of ${listed}`,
      validate(value) {
        return values.some((allowed) => sameContent(allowed, value, new Set()))
          ? undefined
          : `${show(value)} is not one of ${listed}`;
      },
    };
  },
  /** A string of at most `maxLength` characters. */
  maxLength(maxLength: number): Constraint {
    return {
      text: `a string of at most ${maxLength} characters`,
      validate(value) {
        if (typeof value !== 'string') return `expected a string, got ${describe(value)}`;
        return value.length > maxLength
          ? `${value.length} characters is over ${maxLength}`
          : undefined;
      },
    };
  },
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/** `a` and `b` hold the same content: primitives as `Array.includes` compares them. */
function sameContent(a: unknown, b: unknown, seen: Set<unknown>): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (seen.has(a)) return false; // a cycle: compared by reference above
  seen.add(a);
  try {
    if (Array.isArray(a) || Array.isArray(b)) {
      return (
        Array.isArray(a) &&
        Array.isArray(b) &&
        a.length === b.length &&
        a.every((item, index) => sameContent(item, b[index], seen))
      );
    }
    if (a instanceof Date || b instanceof Date) {
      return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
    }
    if (!isPlain(a) || !isPlain(b)) return false;
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(
        (key) =>
          Object.hasOwn(b, key) &&
          sameContent(
            (a as Record<string, unknown>)[key],
            (b as Record<string, unknown>)[key],
            seen,
          ),
      )
    );
  } finally {
    seen.delete(a);
  }
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A value as JSON for messages; never throws (cycles, bigints). */
function show(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
