import { NumericProgramError } from './numeric-error.js';
import {
  type GenerateNumericProblemOptions,
  generateNumericProblem,
  type NumericProblem,
} from './problem.js';
import { deriveSeed } from './seeded-random.js';

/** Why a problem was dropped. */
export type NumericProblemRejection = 'goal-too-large' | 'flat';

/** Thresholds of the hard-problem filter. */
export interface NumericProblemFilterOptions {
  /** Drop problems whose |goal| exceeds this, or is not finite (default 1e5). */
  readonly maxGoal?: number;
  /** Where flatness is checked (default 0.5). */
  readonly flatPoint?: number;
  /**
   * Half-width of the neighbourhood judged (default 1e-3): the derivative is checked at
   * `flatPoint - flatRadius`, `flatPoint` and `flatPoint + flatRadius`.
   */
  readonly flatRadius?: number;
  /** Drop problems whose |dy/dx| at one of those points is below this, or not finite (default 1e-6). */
  readonly flatTolerance?: number;
}

/**
 * The paper's filter: a problem is kept unless its goal exceeds `maxGoal` in absolute value (or is
 * not finite), or the program is flat near x = 0.5. Flatness is judged on a neighbourhood, not at
 * one point: the exact derivative (division guard included) must be at least `flatTolerance` in
 * absolute value, and finite, at 0.5 and on both sides of it (0.5 ± `flatRadius`). At 0.5 alone a
 * division guard may fire: `v / v` with v = 0 at 0.5 is 1 all around but has a slope exactly there.
 * Flat problems give a first-order optimizer nothing to follow.
 */
export function checkNumericProblem(
  problem: NumericProblem,
  options?: NumericProblemFilterOptions,
):
  | { readonly accepted: true }
  | { readonly accepted: false; readonly reason: NumericProblemRejection } {
  const maxGoal = options?.maxGoal ?? 1e5;
  const flatPoint = options?.flatPoint ?? 0.5;
  const flatRadius = options?.flatRadius ?? 1e-3;
  const flatTolerance = options?.flatTolerance ?? 1e-6;
  if (!(flatRadius > 0) || !Number.isFinite(flatRadius)) {
    throw new NumericProgramError(
      'INVALID_OPTIONS',
      `flatRadius must be a positive finite number; got ${flatRadius}.`,
    );
  }
  if (!Number.isFinite(problem.goal) || Math.abs(problem.goal) > maxGoal) {
    return { accepted: false, reason: 'goal-too-large' };
  }
  for (const point of [flatPoint - flatRadius, flatPoint, flatPoint + flatRadius]) {
    const { derivative } = problem.program.differentiate(point);
    if (!Number.isFinite(derivative) || Math.abs(derivative) < flatTolerance) {
      return { accepted: false, reason: 'flat' };
    }
  }
  return { accepted: true };
}

/** Options of {@link generateNumericProblems}. */
export interface GenerateNumericProblemsOptions
  extends Omit<GenerateNumericProblemOptions, 'seed'>,
    NumericProblemFilterOptions {
  /** How many problems (default 30, as in the paper). */
  readonly count?: number;
  /** Base seed: candidate `i` uses `deriveSeed(seed, i)` (default 0). */
  readonly seed?: number;
}

/**
 * The paper's problem set: candidates generated from successive derived seeds, those rejected by
 * {@link checkNumericProblem} skipped, until `count` are kept. Deterministic for given options.
 *
 * @example
 * const problems = generateNumericProblems({ count: 30, seed: 0 });
 * problems[0]?.feedback(problems[0].program.evaluate(-1)); // 'The output ... needs to be larger.'
 */
export function generateNumericProblems(
  options?: GenerateNumericProblemsOptions,
): NumericProblem[] {
  const count = options?.count ?? 30;
  const seed = options?.seed ?? 0;
  if (!Number.isInteger(count) || count < 0) {
    throw new NumericProgramError(
      'INVALID_OPTIONS',
      `count must be a non-negative integer; got ${count}.`,
    );
  }
  const maxCandidates = 1000 + count * 1000;
  const problems: NumericProblem[] = [];
  for (let index = 0; problems.length < count; index += 1) {
    if (index >= maxCandidates) {
      throw new NumericProgramError(
        'GENERATION_FAILED',
        `Only ${problems.length} of ${count} problems passed the filter in ${maxCandidates} ` +
          'candidates; loosen maxGoal or flatTolerance, or change chainLength/maxConstants.',
      );
    }
    const problem = generateNumericProblem({ ...options, seed: deriveSeed(seed, index) });
    if (checkNumericProblem(problem, options).accepted) problems.push(problem);
  }
  return problems;
}
