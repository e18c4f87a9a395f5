import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianProcessMinimize } from './gaussian-process-minimize.js';
import type { IntegerBox } from './integer-box.js';
import { particleSwarmMinimize } from './particle-swarm.js';
import { createUniformRandom } from './seeded-random.js';
import { sobolPoints } from './sobol.js';

const box: IntegerBox = [
  [15, 90],
  [15, 90],
];
const bowl = ([a, b]: readonly number[]) => (a! - 40) ** 2 + 2 * (b! - 22) ** 2;
const gpOptions = { box, calls: 50, initialPoints: 5, start: [15, 15], seed: 42 } as const;
const psoOptions = {
  box,
  particles: 5,
  iterations: 10,
  c1: 0.5,
  c2: 0.3,
  inertia: 1.9,
  start: [15, 15],
  seed: 42,
} as const;

describe('sobolPoints', () => {
  it('gives the unshifted Sobol sequence without the origin when the shift is zero', () => {
    const zeroShift = { next: () => 0, nextUint32: () => 0 };
    expect(sobolPoints(4, zeroShift)).toEqual([
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
    ]);
  });

  it('differs by seed and repeats for the same seed', () => {
    const a = sobolPoints(5, createUniformRandom(42));
    expect(sobolPoints(5, createUniformRandom(42))).toEqual(a);
    expect(sobolPoints(5, createUniformRandom(43))).not.toEqual(a);
    for (const [u, v] of a) {
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });
});

describe('gaussianProcessMinimize', () => {
  let first: Awaited<ReturnType<typeof gaussianProcessMinimize>>;
  beforeAll(async () => {
    first = await gaussianProcessMinimize(bowl, gpOptions);
  }, 60_000);

  it('starts at the start point, then Sobol points, then the model, for exactly `calls` calls', () => {
    const result = first;
    expect(result.calls).toHaveLength(50);
    expect(result.calls[0]).toMatchObject({ point: [15, 15], origin: 'start' });
    expect(result.calls.slice(1, 6).map((call) => call.origin)).toEqual(Array(5).fill('sobol'));
    expect(result.calls.slice(6).every((call) => call.origin === 'model')).toBe(true);
    const keys = result.calls.map((call) => call.point.join(','));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('finds the minimum of a smooth bowl and is deterministic per seed', async () => {
    expect(first.best).toEqual([40, 22]);
    expect(first.bestValue).toBe(0);
    const again = await gaussianProcessMinimize(bowl, gpOptions);
    expect(again.calls).toEqual(first.calls);
  }, 60_000);

  it('rejects a NaN objective value naming the point, and bad options', async () => {
    await expect(gaussianProcessMinimize(() => Number.NaN, gpOptions)).rejects.toThrow(
      /at \[15,15\] it returned NaN/,
    );
    await expect(gaussianProcessMinimize(bowl, { ...gpOptions, start: [10, 15] })).rejects.toThrow(
      /start must be an integer point inside/,
    );
    await expect(gaussianProcessMinimize(bowl, { ...gpOptions, calls: 0 })).rejects.toThrow(
      /calls must be a positive integer/,
    );
  });

  it('survives infinite objective values (they are never chosen as best)', async () => {
    const result = await gaussianProcessMinimize(
      (point) => (point[0] === 15 ? Number.POSITIVE_INFINITY : bowl(point)),
      { ...gpOptions, calls: 12 },
    );
    expect(Number.isFinite(result.bestValue)).toBe(true);
  });
});

describe('particleSwarmMinimize', () => {
  it('evaluates particles × iterations points inside the box, the first at the start', async () => {
    const result = await particleSwarmMinimize(bowl, psoOptions);
    expect(result.calls).toHaveLength(50);
    expect(result.calls[0]!.point).toEqual([15, 15]);
    for (const call of result.calls) {
      expect(call.point.every((v) => Number.isInteger(v) && v >= 15 && v <= 90)).toBe(true);
    }
    expect(result.bestValue).toBeLessThan(bowl([15, 15]));
  });

  it('is deterministic per seed and differs between seeds', async () => {
    const a = await particleSwarmMinimize(bowl, psoOptions);
    expect((await particleSwarmMinimize(bowl, psoOptions)).calls).toEqual(a.calls);
    expect((await particleSwarmMinimize(bowl, { ...psoOptions, seed: 43 })).calls).not.toEqual(
      a.calls,
    );
  });

  it('wraps positions periodically even with a huge inertia', async () => {
    const result = await particleSwarmMinimize(bowl, { ...psoOptions, inertia: 1e6 });
    for (const call of result.calls) {
      expect(call.point.every((v) => v >= 15 && v <= 90)).toBe(true);
    }
  });

  it('rejects bad options with the name of the option', async () => {
    await expect(particleSwarmMinimize(bowl, { ...psoOptions, particles: 0 })).rejects.toThrow(
      /particles must be a positive integer/,
    );
    await expect(
      particleSwarmMinimize(bowl, { ...psoOptions, inertia: Number.NaN }),
    ).rejects.toThrow(/inertia must be a finite number/);
  });
});
