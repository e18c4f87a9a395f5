import type { UniformRandom } from './seeded-random.js';

const bits = 32;

/** Direction numbers of Sobol's first two dimensions (dimension 2: polynomial x + 1, m1 = 1). */
function directionNumbers(): [Uint32Array, Uint32Array] {
  const first = new Uint32Array(bits);
  const second = new Uint32Array(bits);
  for (let k = 0; k < bits; k += 1) {
    first[k] = (1 << (31 - k)) >>> 0;
    second[k] = k === 0 ? 0x80000000 : (second[k - 1]! ^ (second[k - 1]! >>> 1)) >>> 0;
  }
  return [first, second];
}

/**
 * The first `count` points of the two-dimensional Sobol sequence in [0, 1)², skipping the origin, with
 * a random digital shift (each coordinate XOR-ed with one seeded 32-bit word) so that seeds differ.
 * A shifted Sobol set keeps the sequence's low discrepancy.
 *
 * @example
 * sobolPoints(5, createUniformRandom(42)); // [[u, v], ...] five points in [0, 1)²
 */
export function sobolPoints(count: number, random: UniformRandom): [number, number][] {
  if (!Number.isInteger(count) || count < 0 || count >= 2 ** bits - 1) {
    throw new RangeError(`count must be an integer from 0 to 2^32 - 2; got ${String(count)}.`);
  }
  const [first, second] = directionNumbers();
  const shiftX = random.nextUint32();
  const shiftY = random.nextUint32();
  const points: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (let index = 1; index <= count; index += 1) {
    // Gray-code order: flip the direction number of the lowest zero bit of index - 1.
    let c = 0;
    let value = index - 1;
    while ((value & 1) === 1) {
      value >>>= 1;
      c += 1;
    }
    x = (x ^ first[c]!) >>> 0;
    y = (y ^ second[c]!) >>> 0;
    points.push([((x ^ shiftX) >>> 0) / 2 ** bits, ((y ^ shiftY) >>> 0) / 2 ** bits]);
  }
  return points;
}
