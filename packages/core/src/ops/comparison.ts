import { bundleSynchronous } from '../bundle/bundle.js';
import { structuralEqual } from './structural-equal.js';

const flat = () => [0, 0];

/**
 * `a === b` for primitives (NaN differs from NaN, -0 equals 0); structural equality for arrays, plain
 * records (keys in any order), Maps, Sets (membership) and Dates (time value); other objects equal only
 * themselves.
 */
export const equal = bundleSynchronous(
  function equal(a: unknown, b: unknown): boolean {
    return structuralEqual(a, b);
  },
  {
    name: 'equal',
    description:
      '[equal] Returns whether a equals b: === for primitives (NaN never equals anything), structurally for arrays, records, Maps, Sets and Dates.',
    derivative: flat,
  },
);

/** The negation of `equal`. */
export const notEqual = bundleSynchronous(
  function notEqual(a: unknown, b: unknown): boolean {
    return !structuralEqual(a, b);
  },
  {
    name: 'notEqual',
    description: '[notEqual] Returns whether a differs from b.',
    derivative: flat,
  },
);

/** `a < b`. */
export const lessThan = bundleSynchronous(
  function lessThan(a: number | string, b: number | string): boolean {
    return a < b;
  },
  { name: 'lessThan', description: '[lessThan] Returns whether a < b.', derivative: flat },
);

/** `a <= b`. */
export const lessOrEqual = bundleSynchronous(
  function lessOrEqual(a: number | string, b: number | string): boolean {
    return a <= b;
  },
  { name: 'lessOrEqual', description: '[lessOrEqual] Returns whether a <= b.', derivative: flat },
);

/** `a > b`. */
export const greaterThan = bundleSynchronous(
  function greaterThan(a: number | string, b: number | string): boolean {
    return a > b;
  },
  { name: 'greaterThan', description: '[greaterThan] Returns whether a > b.', derivative: flat },
);

/** `a >= b`. */
export const greaterOrEqual = bundleSynchronous(
  function greaterOrEqual(a: number | string, b: number | string): boolean {
    return a >= b;
  },
  {
    name: 'greaterOrEqual',
    description: '[greaterOrEqual] Returns whether a >= b.',
    derivative: flat,
  },
);

/** Logical and of the truthiness of a and b. */
export const and = bundleSynchronous(
  function and(a: unknown, b: unknown): boolean {
    return Boolean(a) && Boolean(b);
  },
  { name: 'and', description: '[and] Returns whether both a and b are true.' },
);

/** Logical or of the truthiness of a and b. */
export const or = bundleSynchronous(
  function or(a: unknown, b: unknown): boolean {
    return Boolean(a) || Boolean(b);
  },
  { name: 'or', description: '[or] Returns whether a or b is true.' },
);

/** Logical negation of the truthiness of x. */
export const not = bundleSynchronous(
  function not(x: unknown): boolean {
    return !x;
  },
  { name: 'not', description: '[not] Returns whether x is false.' },
);

/** `condition ? whenTrue : whenFalse`, recording the condition as an input. */
export const ifElse = bundleSynchronous(
  function ifElse<T>(condition: unknown, whenTrue: T, whenFalse: T): T {
    return condition ? whenTrue : whenFalse;
  },
  {
    description: '[ifElse] Returns whenTrue if condition is true, else whenFalse.',
    derivative: ([condition]) => (condition ? [0, 1, 0] : [0, 0, 1]),
  },
);
