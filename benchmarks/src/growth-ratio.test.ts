import { describe, expect, test } from 'vitest';
import { growthRatio } from './growth-ratio.js';

const sizes = [1_000, 2_500, 5_000, 10_000, 20_000];

describe('growthRatio', () => {
  test('linear growth gives 1 whatever the fixed cost', () => {
    expect(
      growthRatio(
        sizes,
        sizes.map((n) => 3e-3 * n),
      ),
    ).toBeCloseTo(1, 10);
    expect(
      growthRatio(
        sizes,
        sizes.map((n) => 50 + 3e-3 * n),
      ),
    ).toBeCloseTo(1, 10);
  });

  test('quadratic growth is caught even behind a large fixed cost', () => {
    // 50 ms of fixed cost: the per-operator time at 20k is below that at 1k, yet growth is quadratic.
    const times = sizes.map((n) => 50 + 1e-6 * n ** 2);
    expect(times[4]! / sizes[4]! < times[0]! / sizes[0]!).toBe(true);
    expect(growthRatio(sizes, times)).toBeGreaterThan(3);
  });

  test('needs three sizes', () => {
    expect(() => growthRatio([1, 2], [1, 2])).toThrow(/at least three sizes/);
  });
});
