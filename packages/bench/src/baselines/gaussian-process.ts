import { backSubstitute, choleskyFactor, forwardSubstitute } from './cholesky.js';
import { noiseRatioGrid, scaleCombinations } from './hyperparameter-grid.js';
import type { IncrementalGaussianProcess } from './incremental-gaussian-process.js';
import { maternCorrelation } from './matern-kernel.js';

const sqrt5 = Math.sqrt(5);

/** A Gaussian process fitted to standardized observations, ready to predict. */
export interface FittedProcess {
  /** Predicted mean and standard deviation at `point` (normalized coordinates), in standardized units. */
  predict(point: ArrayLike<number>): { mean: number; deviation: number };
  /** The chosen length scales (normalized coordinates). */
  readonly lengthScales: readonly number[];
  /** The chosen noise ratio (noise variance / signal variance). */
  readonly noiseRatio: number;
}

/**
 * Fits a zero-mean GP with a Matérn 5/2 kernel (one length scale per dimension) to `inputs` (in
 * [0, 1]^d) and standardized `targets`. Hyperparameters maximize the profile log marginal likelihood
 * over a fixed grid (length scales 0.05-1.6 per dimension, noise ratio 1e-6 or 1e-2); the signal
 * variance takes its closed-form maximum. A grid keeps the fit deterministic; scikit-optimize fits the
 * same kind of model by L-BFGS restarts. This is the from-scratch definition of the model;
 * `gaussianProcessMinimize` uses {@link IncrementalGaussianProcess}, which computes the same numbers
 * (bit for bit, a test checks it) without factorizing again at every call.
 */
export function fitGaussianProcess(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
): FittedProcess {
  const n = inputs.length;
  if (n === 0 || targets.length !== n) {
    throw new RangeError(
      `A fit needs as many targets as inputs (at least one); got ${n} and ${targets.length}.`,
    );
  }
  const dimensions = inputs[0]!.length;
  let best:
    | { logLikelihood: number; scales: number[]; noise: number; lower: Float64Array }
    | undefined;
  for (const scales of scaleCombinations(dimensions)) {
    const correlation = correlationMatrix(inputs, scales);
    for (const noise of noiseRatioGrid) {
      const withNoise = Float64Array.from(correlation);
      for (let i = 0; i < n; i += 1) withNoise[i * n + i] = withNoise[i * n + i]! + noise;
      const lower = choleskyFactor(withNoise, n);
      if (lower === undefined) continue;
      const whitened = forwardSubstitute(lower, n, targets);
      let quadratic = 0;
      let logDeterminant = 0;
      for (let i = 0; i < n; i += 1) {
        quadratic += whitened[i]! * whitened[i]!;
        logDeterminant += 2 * Math.log(lower[i * n + i]!);
      }
      const variance = Math.max(quadratic / n, 1e-12);
      const logLikelihood = -0.5 * n * Math.log(variance) - 0.5 * logDeterminant;
      if (best === undefined || logLikelihood > best.logLikelihood) {
        best = { logLikelihood, scales, noise, lower };
      }
    }
  }
  if (best === undefined) throw new Error('No Gaussian-process fit was positive definite.');
  return predictor(inputs, targets, best.scales, best.noise, best.lower);
}

function predictor(
  inputs: readonly (readonly number[])[],
  targets: readonly number[],
  scales: number[],
  noise: number,
  lower: Float64Array,
): FittedProcess {
  const n = inputs.length;
  const whitened = forwardSubstitute(lower, n, targets);
  const alpha = backSubstitute(lower, n, whitened);
  let quadratic = 0;
  for (let i = 0; i < n; i += 1) quadratic += whitened[i]! * whitened[i]!;
  const variance = Math.max(quadratic / n, 1e-12);
  const cross = new Float64Array(n);
  const solved = new Float64Array(n);
  const dimensions = scales.length;
  const flat = new Float64Array(n * dimensions);
  inputs.forEach((input, i) => {
    for (let d = 0; d < dimensions; d += 1) flat[i * dimensions + d] = input[d]! / scales[d]!;
  });
  const scaledPoint = new Float64Array(dimensions);
  return {
    lengthScales: scales,
    noiseRatio: noise,
    predict(point) {
      for (let d = 0; d < dimensions; d += 1) scaledPoint[d] = point[d]! / scales[d]!;
      let mean = 0;
      for (let i = 0; i < n; i += 1) {
        let squared = 0;
        for (let d = 0; d < dimensions; d += 1) {
          const difference = scaledPoint[d]! - flat[i * dimensions + d]!;
          squared += difference * difference;
        }
        const r = Math.sqrt(squared);
        const value = (1 + sqrt5 * r + (5 * squared) / 3) * Math.exp(-sqrt5 * r);
        cross[i] = value;
        mean += value * alpha[i]!;
      }
      // Forward substitution L v = k*, then var = σ²(1 - v·v).
      let explained = 0;
      for (let i = 0; i < n; i += 1) {
        let sum = cross[i]!;
        const row = i * n;
        for (let k = 0; k < i; k += 1) sum -= lower[row + k]! * solved[k]!;
        const value = sum / lower[row + i]!;
        solved[i] = value;
        explained += value * value;
      }
      return { mean, deviation: Math.sqrt(Math.max(variance * (1 - explained), 0)) };
    },
  };
}

function correlationMatrix(inputs: readonly (readonly number[])[], scales: number[]): Float64Array {
  const n = inputs.length;
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    matrix[i * n + i] = 1;
    for (let j = 0; j < i; j += 1) {
      const value = maternCorrelation(inputs[i]!, inputs[j]!, scales);
      matrix[i * n + j] = value;
      matrix[j * n + i] = value;
    }
  }
  return matrix;
}
