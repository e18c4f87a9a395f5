import { describe, expect, it } from 'vitest';
import { compareWithReference, type Reference } from './reference.js';

const reference: Reference = {
  experiment: 'traffic',
  size: 'smoke',
  source: 'test',
  tolerance: 1e-6,
  figures: { gp: { '0': 100, '1': 50 } },
};
const curve = (values: number[]) => [
  {
    method: 'gp',
    points: values.map((mean, step) => ({ method: 'gp', step, mean, standardError: 0, units: 1 })),
  },
];

describe('compareWithReference', () => {
  it('accepts figures within the tolerance', () => {
    expect(compareWithReference(curve([100, 50.00001]), reference)).toEqual([]);
  });

  it('reports a regression with the figure, the reference and the tolerance', () => {
    const problems = compareWithReference(curve([100, 51]), reference);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /traffic gp step 1: 51 differs from the reference 50 by more than the tolerance 0\.0000499/,
    );
  });

  it('reports a missing method or step, and NaN as a difference', () => {
    expect(compareWithReference([], reference)).toHaveLength(2);
    expect(compareWithReference(curve([Number.NaN, 50]), reference)[0]).toMatch(
      /step 0: NaN differs/,
    );
  });
});
