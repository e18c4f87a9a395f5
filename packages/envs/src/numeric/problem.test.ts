import { describe, expect, it } from 'vitest';
import { numericFeedback } from './feedback.js';
import { createNumericProgram } from './numeric-program.js';
import { generateNumericProblem } from './problem.js';
import { checkNumericProblem, generateNumericProblems } from './problem-filter.js';

describe('numericFeedback', () => {
  it('says larger, smaller or success', () => {
    expect(numericFeedback(2, 5)).toBe('The output 2 needs to be larger.');
    expect(numericFeedback(-0.5, -3)).toBe('The output -0.5 needs to be smaller.');
    expect(numericFeedback(5, 5)).toBe('Success.');
    expect(numericFeedback(5.0000001, 5)).toBe('Success.');
    expect(numericFeedback(5.1, 5, 0.2)).toBe('Success.');
    expect(numericFeedback(Number.NaN, 5)).toMatch(/not a number/);
  });
});

describe('generateNumericProblem', () => {
  it('hides an input from {-3,-2,-1,1,2,3} and sets the goal to its output', () => {
    const hidden = new Set<number>();
    for (let seed = 0; seed < 300; seed += 1) {
      const problem = generateNumericProblem({ seed });
      hidden.add(problem.hiddenInput);
      expect(problem.goal).toBe(problem.program.evaluate(problem.hiddenInput));
      expect(problem.initialInput).toBe(-1);
      expect(problem.absoluteError(problem.hiddenInput)).toBe(0);
      expect(problem.feedback(problem.goal)).toBe('Success.');
    }
    expect([...hidden].sort((a, b) => a - b)).toEqual([-3, -2, -1, 1, 2, 3]);
  });
});

describe('checkNumericProblem', () => {
  const problemOf = (spec: Parameters<typeof createNumericProgram>[0], goal: number) => {
    const base = generateNumericProblem({ seed: 0 });
    return { ...base, program: createNumericProgram(spec), goal };
  };
  const input = (index: number) => ({ pool: 'input', index }) as const;
  const constant = (index: number) => ({ pool: 'constant', index }) as const;

  it('drops programs that are flat at x = 0.5', () => {
    // v1 = x + 3, v2 = v1 / v1 is 1 everywhere
    const flat = problemOf(
      {
        constants: [3],
        steps: [
          { operator: '+', left: input(0), right: constant(0) },
          { operator: '/', left: input(1), right: input(1) },
        ],
      },
      1,
    );
    expect(checkNumericProblem(flat)).toEqual({ accepted: false, reason: 'flat' });
    // v1 = x - x is 0, so v2 = v1 * x is 0 with derivative 0 everywhere
    const zero = problemOf(
      {
        constants: [],
        steps: [
          { operator: '-', left: input(0), right: input(0) },
          { operator: '*', left: input(1), right: input(0) },
        ],
      },
      0,
    );
    expect(checkNumericProblem(zero)).toEqual({ accepted: false, reason: 'flat' });
  });

  it('judges flatness on both sides of 0.5, not only where a division guard fires', () => {
    // v1 = 2x, v2 = v1 - 1 (0 at x = 0.5), v3 = v2 / v2: 1 all around 0.5; at 0.5 itself the guard
    // returns the numerator, whose slope is 2.
    const guarded = problemOf(
      {
        constants: [2, 1],
        steps: [
          { operator: '*', left: input(0), right: constant(0) },
          { operator: '-', left: input(1), right: constant(1) },
          { operator: '/', left: input(2), right: input(2) },
        ],
      },
      1,
    );
    expect(guarded.program.differentiate(0.5).derivative).toBe(2);
    expect(Math.abs(guarded.program.differentiate(0.499).derivative)).toBeLessThan(1e-9);
    expect(checkNumericProblem(guarded)).toEqual({ accepted: false, reason: 'flat' });
    // A program sloped all around 0.5 is kept; the radius must be a positive number.
    const sloped = problemOf(
      {
        constants: [2],
        steps: [{ operator: '*', left: input(0), right: constant(0) }],
      },
      4,
    );
    expect(checkNumericProblem(sloped)).toEqual({ accepted: true });
    expect(() => checkNumericProblem(sloped, { flatRadius: 0 })).toThrow(/flatRadius/);
    expect(() => checkNumericProblem(sloped, { flatRadius: Number.NaN })).toThrow(/flatRadius/);
  });

  it('drops goals above 1e5 in absolute value, and keeps ordinary problems', () => {
    const linear = {
      constants: [2],
      steps: [{ operator: '*' as const, left: input(0), right: constant(0) }],
    };
    expect(checkNumericProblem(problemOf(linear, 4))).toEqual({ accepted: true });
    expect(checkNumericProblem(problemOf(linear, 1e5 + 1))).toEqual({
      accepted: false,
      reason: 'goal-too-large',
    });
    expect(checkNumericProblem(problemOf(linear, -2e5)).accepted).toBe(false);
    expect(checkNumericProblem(problemOf(linear, Number.POSITIVE_INFINITY)).accepted).toBe(false);
    expect(checkNumericProblem(problemOf(linear, 1e5 + 1), { maxGoal: 1e6 }).accepted).toBe(true);
  });
});

describe('generateNumericProblems', () => {
  it('returns the requested number of filtered problems, deterministically', () => {
    const problems = generateNumericProblems({ count: 30, seed: 0 });
    expect(problems).toHaveLength(30);
    for (const problem of problems) {
      expect(checkNumericProblem(problem)).toEqual({ accepted: true });
      expect(Math.abs(problem.goal)).toBeLessThanOrEqual(1e5);
    }
    const again = generateNumericProblems({ count: 30, seed: 0 });
    expect(again.map((problem) => problem.seed)).toEqual(problems.map((problem) => problem.seed));
    const other = generateNumericProblems({ count: 30, seed: 1 });
    expect(other.map((problem) => problem.seed)).not.toEqual(
      problems.map((problem) => problem.seed),
    );
  });

  it('gives up with a clear error when the filter rejects everything', () => {
    expect(() => generateNumericProblems({ count: 1, maxGoal: -1 })).toThrow(
      /Only 0 of 1 problems passed the filter/,
    );
  });
});
