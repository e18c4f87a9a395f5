/**
 * A seeded uniform generator for the baselines (mulberry32 over a splitmix32-mixed seed): the same seed
 * gives the same sequence on every platform, because only 32-bit integer arithmetic is involved. Not
 * cryptographic.
 */
export interface UniformRandom {
  /** A float in [0, 1). */
  next(): number;
  /** A 32-bit unsigned integer. */
  nextUint32(): number;
}

/** Creates the generator for a safe-integer `seed`. */
export function createUniformRandom(seed: number): UniformRandom {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`A seed must be a safe integer; got ${String(seed)}. Pass e.g. 42.`);
  }
  let state = mix((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x9e3779b1));
  const nextUint32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { nextUint32, next: () => nextUint32() / 2 ** 32 };
}

function mix(value: number): number {
  let z = (value + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
