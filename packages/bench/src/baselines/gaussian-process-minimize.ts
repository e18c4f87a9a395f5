import { expectedImprovement } from './expected-improvement.js';
import { IncrementalGaussianProcess } from './incremental-gaussian-process.js';
import {
  bestCall,
  checkIntegerBox,
  checkPointInBox,
  evaluatePoint,
  type IntegerBox,
  type SearchCall,
  type SearchResult,
} from './integer-box.js';
import { createUniformRandom } from './seeded-random.js';
import { sobolPoints } from './sobol.js';

/** Options of {@link gaussianProcessMinimize}. */
export interface GaussianProcessOptions {
  /** The integer domain, e.g. `[[15, 90], [15, 90]]`. */
  readonly box: IntegerBox;
  /** Objective calls in all, including the start and the Sobol points (the paper: 50). */
  readonly calls: number;
  /** Sobol points evaluated after the start, before the model chooses (the paper: 5). */
  readonly initialPoints: number;
  /** Evaluated first (the paper: [15, 15]); omit to start with the Sobol points. */
  readonly start?: readonly number[];
  /** Seeds the Sobol shift, so runs are deterministic per seed. */
  readonly seed: number;
}

/**
 * Bayesian optimization on an integer box, as the paper's GP baseline (scikit-optimize's
 * `gp_minimize` with integer dimensions, 5 initial Sobol points, a start point): evaluate the start,
 * then `initialPoints` shifted Sobol points, then repeatedly fit a Matérn 5/2 Gaussian process to the
 * standardized values seen so far and evaluate the unevaluated integer point with the largest expected
 * improvement (xi = 0.01). The acquisition is maximized exactly, over every point of the box, so the
 * search is deterministic per seed. Lower values are better.
 *
 * @example
 * const result = await gaussianProcessMinimize(([a, b]) => (a! - 40) ** 2 + (b! - 20) ** 2, {
 *   box: [[15, 90], [15, 90]], calls: 50, initialPoints: 5, start: [15, 15], seed: 42,
 * });
 */
export async function gaussianProcessMinimize(
  objective: (point: readonly number[]) => number | Promise<number>,
  options: GaussianProcessOptions,
): Promise<SearchResult> {
  const { box, calls: budget, initialPoints, start, seed } = options;
  checkIntegerBox(box);
  if (!Number.isInteger(budget) || budget < 1) {
    throw new RangeError(`calls must be a positive integer; got ${String(budget)}.`);
  }
  if (!Number.isInteger(initialPoints) || initialPoints < 0) {
    throw new RangeError(`initialPoints must be an integer >= 0; got ${String(initialPoints)}.`);
  }
  if (start !== undefined) checkPointInBox(start, box, 'start');
  if (box.length > 2 && initialPoints > 0) {
    throw new RangeError(
      `The Sobol points cover two dimensions; this box has ${box.length}. Pass initialPoints: 0 (and a start) for a larger box.`,
    );
  }
  const candidates = allPoints(box);
  if (budget > candidates.length) {
    throw new RangeError(`calls (${budget}) exceeds the ${candidates.length} points of the box.`);
  }
  const calls: SearchCall[] = [];
  // Evaluated candidates by index (candidates are in row-major order: the last coordinate fastest).
  const seen = new Uint8Array(candidates.length);
  const unitCandidates = new Float64Array(candidates.length * box.length);
  candidates.forEach((point, index) => {
    unitCandidates.set(toUnit(point, box), index * box.length);
  });
  const model = new IncrementalGaussianProcess(unitCandidates, box.length, budget);
  const record = async (point: readonly number[], origin: string): Promise<void> => {
    const value = await evaluatePoint(objective, point);
    calls.push({ point, value, origin });
    seen[candidateIndex(point, box)] = 1;
    if (Number.isFinite(value)) model.add(toUnit(point, box));
  };
  if (start !== undefined) await record(start, 'start');
  for (const unit of sobolPoints(initialPoints, createUniformRandom(seed))) {
    if (calls.length >= budget) break;
    await record(fromUnit(unit, box), 'sobol');
  }
  while (calls.length < budget) {
    await record(nextByExpectedImprovement(calls, candidates, seen, model), 'model');
  }
  const best = bestCall(calls);
  return { best: best.point, bestValue: best.value, calls };
}

function nextByExpectedImprovement(
  calls: readonly SearchCall[],
  candidates: readonly (readonly number[])[],
  seen: Uint8Array,
  model: IncrementalGaussianProcess,
): readonly number[] {
  const finite = calls.filter((call) => Number.isFinite(call.value));
  const values = finite.map((call) => call.value);
  const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  const spread = Math.sqrt(
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(values.length, 1),
  );
  const scale = spread > 0 ? spread : 1;
  const targets = values.map((value) => (value - mean) / scale);
  const predictions = model.predictCandidates(targets);
  const bestTarget = Math.min(...targets);
  let chosen: readonly number[] | undefined;
  let chosenScore = Number.NEGATIVE_INFINITY;
  let chosenMean = Number.POSITIVE_INFINITY;
  candidates.forEach((point, index) => {
    if (seen[index] === 1) return;
    const predictedMean = predictions.mean[index]!;
    const score = expectedImprovement(predictedMean, predictions.deviation[index]!, bestTarget);
    if (score > chosenScore || (score === chosenScore && predictedMean < chosenMean)) {
      chosen = point;
      chosenScore = score;
      chosenMean = predictedMean;
    }
  });
  if (chosen === undefined) throw new Error('Every point of the box has been evaluated.');
  return chosen;
}

/** The position of an integer point of `box` in {@link allPoints}' order. */
function candidateIndex(point: readonly number[], box: IntegerBox): number {
  let index = 0;
  box.forEach(([low, high], d) => {
    index = index * (high - low + 1) + (point[d]! - low);
  });
  return index;
}

function allPoints(box: IntegerBox): number[][] {
  let points: number[][] = [[]];
  for (const [low, high] of box) {
    const next: number[][] = [];
    for (const prefix of points) for (let v = low; v <= high; v += 1) next.push([...prefix, v]);
    points = next;
  }
  return points;
}

function toUnit(point: readonly number[], box: IntegerBox): number[] {
  return point.map((value, i) => {
    const [low, high] = box[i]!;
    return high === low ? 0 : (value - low) / (high - low);
  });
}

function fromUnit(unit: readonly number[], box: IntegerBox): number[] {
  return box.map(([low, high], i) => Math.min(high, low + Math.floor(unit[i]! * (high - low + 1))));
}
