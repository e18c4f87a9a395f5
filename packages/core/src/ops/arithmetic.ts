import { bundleSynchronous, type TracedFunction } from '../bundle/bundle.js';
import type { MessageNode } from '../graph/message-node.js';
import type { NodeInput } from '../graph/node.js';

/** `a + b`: numbers add, strings concatenate. */
export const add = bundleSynchronous(
  function add(a: number | string, b: number | string): number | string {
    return (a as any) + (b as any);
  },
  {
    name: 'add',
    description: '[add] Returns a + b (numbers are added, strings concatenated).',
    derivative: () => [1, 1],
  },
) as (<T extends number | string>(a: NodeInput<T>, b: NodeInput<T>) => MessageNode<T>) &
  TracedFunction<[number | string, number | string], number | string>;

/** `a - b`. */
export const subtract = bundleSynchronous(
  function subtract(a: number, b: number): number {
    return a - b;
  },
  { name: 'subtract', description: '[subtract] Returns a - b.', derivative: () => [1, -1] },
);

/** `a * b`. */
export const multiply = bundleSynchronous(
  function multiply(a: number, b: number): number {
    return a * b;
  },
  {
    name: 'multiply',
    description: '[multiply] Returns a * b.',
    derivative: ([a, b]) => [b as number, a as number],
  },
);

/** `a / b` (IEEE semantics: dividing by zero gives Infinity or NaN). */
export const divide = bundleSynchronous(
  function divide(a: number, b: number): number {
    return a / b;
  },
  {
    name: 'divide',
    description: '[divide] Returns a / b.',
    // -(a/b)/b rather than -a/(b*b): b*b underflows to 0 for tiny b.
    derivative: ([a, b]) => [1 / (b as number), -((a as number) / (b as number)) / (b as number)],
  },
);

/**
 * Python's `a // b` on floats: the floored quotient consistent with `mod` (`7 // 0.1` is 69), and
 * `-5 // Infinity` is -1. Dividing by zero follows `divide` (±Infinity, or NaN for 0 // 0).
 */
export const floorDivide = bundleSynchronous(
  function floorDivide(a: number, b: number): number {
    return flooredDivision(a, b).quotient;
  },
  {
    name: 'floorDivide',
    description: '[floorDivide] Returns a / b rounded down to an integer.',
    derivative: () => [0, 0],
  },
);

/**
 * Python's `a % b` on floats: the remainder with the sign of b (`mod(-1, 3)` is 2, `mod(0.1, 3)` is 0.1,
 * `mod(5, Infinity)` is 5, `mod(-5, Infinity)` is Infinity). `mod(a, 0)` is NaN (Python raises).
 */
export const mod = bundleSynchronous(
  function mod(a: number, b: number): number {
    return flooredDivision(a, b).remainder;
  },
  {
    name: 'mod',
    description: '[mod] Returns the remainder of a / b, with the sign of b.',
    derivative: ([a, b]) => [1, -Math.floor((a as number) / (b as number))],
  },
);

/** `base ** exponent`. */
export const power = bundleSynchronous(
  function power(base: number, exponent: number): number {
    return base ** exponent;
  },
  {
    name: 'power',
    description: '[power] Returns base raised to exponent.',
    derivative: ([base, exponent], output) =>
      powerDerivatives(base as number, exponent as number, output as number),
  },
);

/** `-x`. */
export const neg = bundleSynchronous(
  function neg(x: number): number {
    return -x;
  },
  { name: 'neg', description: '[neg] Returns -x.', derivative: () => [-1] },
);

/** `|x|`. */
export const abs = bundleSynchronous(
  function abs(x: number): number {
    return Math.abs(x);
  },
  {
    name: 'abs',
    description: '[abs] Returns the absolute value of x.',
    derivative: ([x]) => [Math.sign(x as number)],
  },
);

/**
 * x rounded to `digits` decimals (0 by default; negative digits round to tens, hundreds...), halves
 * away from zero. Digits beyond what a double holds return x unchanged (`round(1.5, 400)` is 1.5).
 */
export const round = bundleSynchronous(
  function round(x: number, digits: number = 0): number {
    return roundTo(x, digits);
  },
  {
    name: 'round',
    description: '[round] Returns x rounded to the given number of decimals.',
    derivative: () => [0, 0],
  },
);

/** The largest integer <= x. */
export const floor = bundleSynchronous(
  function floor(x: number): number {
    return Math.floor(x);
  },
  {
    name: 'floor',
    description: '[floor] Returns the largest integer not above x.',
    derivative: () => [0],
  },
);

/** The smallest integer >= x. */
export const ceil = bundleSynchronous(
  function ceil(x: number): number {
    return Math.ceil(x);
  },
  {
    name: 'ceil',
    description: '[ceil] Returns the smallest integer not below x.',
    derivative: () => [0],
  },
);

/** The smaller of a and b. */
export const min = bundleSynchronous(
  function min(a: number, b: number): number {
    return Math.min(a, b);
  },
  {
    name: 'min',
    description: '[min] Returns the smaller of a and b.',
    derivative: ([a, b]) => ((a as number) <= (b as number) ? [1, 0] : [0, 1]),
  },
);

/** The larger of a and b. */
export const max = bundleSynchronous(
  function max(a: number, b: number): number {
    return Math.max(a, b);
  },
  {
    name: 'max',
    description: '[max] Returns the larger of a and b.',
    derivative: ([a, b]) => ((a as number) >= (b as number) ? [1, 0] : [0, 1]),
  },
);

/** e to the power x. */
export const exp = bundleSynchronous(
  function exp(x: number): number {
    return Math.exp(x);
  },
  {
    name: 'exp',
    description: '[exp] Returns e raised to x.',
    derivative: (_args, output) => [output as number],
  },
);

/** Natural logarithm of x. */
export const log = bundleSynchronous(
  function log(x: number): number {
    return Math.log(x);
  },
  {
    name: 'log',
    description: '[log] Returns the natural logarithm of x.',
    derivative: ([x]) => [1 / (x as number)],
  },
);

/** Square root of x. */
export const sqrt = bundleSynchronous(
  function sqrt(x: number): number {
    return Math.sqrt(x);
  },
  {
    name: 'sqrt',
    description: '[sqrt] Returns the square root of x.',
    // At 0 and -0 the one-sided derivative, +Infinity (Math.sqrt(-0) is -0).
    derivative: (_args, output) => [0.5 / Math.abs(output as number)],
  },
);

/**
 * CPython's float divmod: the remainder takes the sign of b, and the quotient is the floored quotient
 * that goes with it (so `a == quotient * b + remainder` as closely as doubles allow).
 */
function flooredDivision(a: number, b: number): { quotient: number; remainder: number } {
  if (b === 0) return { quotient: Math.floor(a / b), remainder: Number.NaN };
  let remainder = a % b; // C's fmod: exact, with the sign of a
  let quotient = (a - remainder) / b;
  if (remainder !== 0) {
    if (b < 0 !== remainder < 0) {
      remainder += b;
      quotient -= 1;
    }
  } else {
    remainder = b < 0 ? -0 : 0;
  }
  if (quotient !== 0) {
    const floored = Math.floor(quotient);
    quotient = quotient - floored > 0.5 ? floored + 1 : floored;
  } else {
    quotient = a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  }
  return { quotient, remainder };
}

/**
 * d(base^exponent)/d base and d/d exponent. At exponent 0 the base derivative is 0 (x^0 is constant),
 * so polynomials have finite gradients at 0. The exponent derivative is output * ln(base) for a
 * positive base, 0 for base 0 with a positive exponent (0^e is 0 there), and NaN where it does not
 * exist (a negative base: base^e is not real for non-integer e) rather than a wrong number.
 */
function powerDerivatives(base: number, exponent: number, output: number): [number, number] {
  const byBase = exponent === 0 ? 0 : exponent * base ** (exponent - 1);
  let byExponent: number;
  if (base > 0) byExponent = output * Math.log(base);
  else if (base === 0 && exponent > 0) byExponent = 0;
  else byExponent = Number.NaN;
  return [byBase, byExponent];
}

function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const scale = 10 ** digits;
  if (scale === 0) return Math.sign(x) * 0; // all digits rounded away: 0 with the sign of x
  const scaled = Math.abs(x) * scale;
  // Scaled past 2^53 a double has no fraction left: x already has fewer digits than asked.
  if (!Number.isFinite(scaled) || scaled >= 2 ** 53) return x;
  return (Math.sign(x) * Math.round(scaled)) / scale;
}
