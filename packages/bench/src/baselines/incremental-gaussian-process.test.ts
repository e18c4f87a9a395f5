import { describe, expect, it } from 'vitest';
import { fitGaussianProcess } from './gaussian-process.js';
import { gaussianProcessMinimize } from './gaussian-process-minimize.js';
import { IncrementalGaussianProcess } from './incremental-gaussian-process.js';
import { createUniformRandom } from './seeded-random.js';

describe('IncrementalGaussianProcess', () => {
  it('predicts every candidate exactly as a fit from scratch, after every added observation', () => {
    const random = createUniformRandom(7);
    const candidates = new Float64Array(2 * 40);
    for (let index = 0; index < candidates.length; index += 1) candidates[index] = random.next();
    // Include points equal to observations (zero distance) and a duplicate observation.
    const inputs: number[][] = [
      [candidates[0]!, candidates[1]!],
      [0.5, 0.5],
      [0.5, 0.5],
    ];
    for (let index = 0; index < 12; index += 1) inputs.push([random.next(), random.next()]);
    const model = new IncrementalGaussianProcess(candidates, 2, inputs.length);
    const targets: number[] = [];
    for (const [index, input] of inputs.entries()) {
      model.add(input);
      targets.push(Math.sin(7 * input[0]!) + input[1]! * (index % 3) - 0.4);
      const incremental = model.predictCandidates(targets);
      const scratch = fitGaussianProcess(inputs.slice(0, index + 1), targets);
      for (let j = 0; j < 40; j += 1) {
        const expected = scratch.predict(candidates.subarray(2 * j, 2 * j + 2));
        expect(Object.is(incremental.mean[j], expected.mean)).toBe(true);
        expect(Object.is(incremental.deviation[j], expected.deviation)).toBe(true);
      }
    }
  });

  it('refuses more observations than its capacity', () => {
    const model = new IncrementalGaussianProcess(new Float64Array([0, 0]), 2, 1);
    model.add([0, 0]);
    expect(() => model.add([1, 1])).toThrow(/at most 1 observations/);
  });
});

describe('gaussianProcessMinimize on other boxes', () => {
  it('searches a one-dimensional box (the Sobol points use its one coordinate)', async () => {
    const result = await gaussianProcessMinimize(([x]) => (x! - 37) ** 2, {
      box: [[0, 60]],
      calls: 12,
      initialPoints: 3,
      seed: 1,
    });
    expect(result.calls).toHaveLength(12);
    expect(result.calls.every((call) => call.point.length === 1)).toBe(true);
    expect(result.bestValue).toBeLessThanOrEqual(4);
  });

  it('says what to do with a box of more than two dimensions and Sobol points', async () => {
    await expect(
      gaussianProcessMinimize(() => 0, {
        box: [
          [0, 3],
          [0, 3],
          [0, 3],
        ],
        calls: 5,
        initialPoints: 2,
        seed: 1,
      }),
    ).rejects.toThrow(/Sobol points cover two dimensions.*initialPoints: 0/);
  });
});
