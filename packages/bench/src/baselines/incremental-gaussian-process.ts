import { noiseRatioGrid, scaleCombinations } from './hyperparameter-grid.js';
import { maternCorrelation } from './matern-kernel.js';

const sqrt5 = Math.sqrt(5);
/** Largest candidates × observations kept per cached hyperparameter choice (8 MB per array). */
const maxCachedEntries = 1 << 20;
/** Hyperparameter choices whose candidate solves are kept (the chosen one rarely changes). */
const cachedChoices = 3;

/** One hyperparameter choice of the grid and its Cholesky factor, grown one row per observation. */
interface GridEntry {
  readonly scales: readonly number[];
  readonly noise: number;
  /** Row-major, stride `capacity`; rows 0..rows-1 filled. */
  readonly lower: Float64Array;
  rows: number;
  /** Σ 2 log L_ii over the filled rows, summed in row order. */
  logDeterminant: number;
  /** The factorization failed (not positive definite): it fails for every larger set too. */
  failed: boolean;
}

/** For one hyperparameter choice: k(candidate, x_i) and v = L⁻¹ k* per candidate, row by row. */
interface CandidateSolves {
  rows: number;
  /** Row i, candidate j at i * m + j. */
  readonly cross: Float64Array;
  readonly solved: Float64Array;
  /** Σ v_i² per candidate over the filled rows, in row order. */
  readonly explained: Float64Array;
}

/** Mean and standard deviation of the fitted process at every candidate (standardized units). */
export interface CandidatePredictions {
  readonly mean: Float64Array;
  readonly deviation: Float64Array;
}

/**
 * The GP baseline's model, kept between the calls of one search: observations are only ever appended,
 * so the Cholesky factor of every hyperparameter choice of the grid grows by one row per observation
 * (a factor's leading rows depend only on the leading block of the matrix) instead of being computed
 * again, and the chosen choice's solves for every candidate grow by one row too. Every number is
 * computed with the same operations in the same order as a fit from scratch
 * ({@link fitGaussianProcess} and its `predict`), so the search chooses exactly the same points.
 */
export class IncrementalGaussianProcess {
  readonly #capacity: number;
  readonly #dimensions: number;
  readonly #candidates: Float64Array;
  readonly #count: number;
  readonly #inputs: Float64Array[] = [];
  readonly #grid: GridEntry[] = [];
  readonly #solves = new Map<GridEntry, CandidateSolves>();

  /**
   * @param candidates every candidate point, in normalized coordinates, `dimensions` numbers each.
   * @param capacity the most observations the search makes.
   */
  constructor(candidates: Float64Array, dimensions: number, capacity: number) {
    this.#capacity = capacity;
    this.#dimensions = dimensions;
    this.#candidates = candidates;
    this.#count = candidates.length / dimensions;
    for (const scales of scaleCombinations(dimensions)) {
      for (const noise of noiseRatioGrid) {
        this.#grid.push({
          scales,
          noise,
          lower: new Float64Array(capacity * capacity),
          rows: 0,
          logDeterminant: 0,
          failed: false,
        });
      }
    }
  }

  /** Appends an observation's input (normalized coordinates). */
  add(input: readonly number[]): void {
    if (this.#inputs.length >= this.#capacity) {
      throw new RangeError(`The process holds at most ${this.#capacity} observations.`);
    }
    this.#inputs.push(Float64Array.from(input));
  }

  /**
   * Fits the process to `targets` (one per input, standardized): the grid choice of largest profile
   * log likelihood, as {@link fitGaussianProcess}; then predicts every candidate.
   */
  predictCandidates(targets: readonly number[]): CandidatePredictions {
    const n = this.#inputs.length;
    if (n === 0 || targets.length !== n) {
      throw new RangeError(
        `A fit needs as many targets as inputs (at least one); got ${n} and ${targets.length}.`,
      );
    }
    let best: { logLikelihood: number; entry: GridEntry } | undefined;
    const whitened = new Float64Array(n);
    for (const entry of this.#grid) {
      this.#grow(entry, n);
      if (entry.failed) continue;
      this.#forward(entry.lower, n, targets, whitened);
      let quadratic = 0;
      for (let i = 0; i < n; i += 1) quadratic += whitened[i]! * whitened[i]!;
      const variance = Math.max(quadratic / n, 1e-12);
      const logLikelihood = -0.5 * n * Math.log(variance) - 0.5 * entry.logDeterminant;
      if (best === undefined || logLikelihood > best.logLikelihood) best = { logLikelihood, entry };
    }
    if (best === undefined) throw new Error('No Gaussian-process fit was positive definite.');
    return this.#predict(best.entry, targets);
  }

  /** Extends the entry's factor to `n` rows (or marks it failed), as a from-scratch factorization. */
  #grow(entry: GridEntry, n: number): void {
    const stride = this.#capacity;
    const { lower } = entry;
    while (!entry.failed && entry.rows < n) {
      const i = entry.rows;
      const input = this.#inputs[i]!;
      for (let j = 0; j <= i; j += 1) {
        let sum =
          i === j ? 1 + entry.noise : maternCorrelation(input, this.#inputs[j]!, entry.scales);
        for (let k = 0; k < j; k += 1) sum -= lower[i * stride + k]! * lower[j * stride + k]!;
        if (i === j) {
          if (!(sum > 0)) {
            entry.failed = true;
            break;
          }
          lower[i * stride + i] = Math.sqrt(sum);
        } else {
          lower[i * stride + j] = sum / lower[j * stride + j]!;
        }
      }
      if (entry.failed) break;
      entry.logDeterminant += 2 * Math.log(lower[i * stride + i]!);
      entry.rows += 1;
    }
  }

  /** Solves L y = b (forward substitution) into `out`. */
  #forward(lower: Float64Array, n: number, b: ArrayLike<number>, out: Float64Array): void {
    const stride = this.#capacity;
    for (let i = 0; i < n; i += 1) {
      let sum = b[i]!;
      for (let k = 0; k < i; k += 1) sum -= lower[i * stride + k]! * out[k]!;
      out[i] = sum / lower[i * stride + i]!;
    }
  }

  #predict(entry: GridEntry, targets: readonly number[]): CandidatePredictions {
    const n = this.#inputs.length;
    const stride = this.#capacity;
    const { lower } = entry;
    const whitened = new Float64Array(n);
    this.#forward(lower, n, targets, whitened);
    const alpha = new Float64Array(n);
    for (let i = n - 1; i >= 0; i -= 1) {
      let sum = whitened[i]!;
      for (let k = i + 1; k < n; k += 1) sum -= lower[k * stride + i]! * alpha[k]!;
      alpha[i] = sum / lower[i * stride + i]!;
    }
    let quadratic = 0;
    for (let i = 0; i < n; i += 1) quadratic += whitened[i]! * whitened[i]!;
    const variance = Math.max(quadratic / n, 1e-12);
    const m = this.#count;
    const solves = this.#solvesFor(entry, n);
    const mean = new Float64Array(m);
    for (let i = 0; i < n; i += 1) {
      const weight = alpha[i]!;
      const row = solves.cross.subarray(i * m, (i + 1) * m);
      for (let j = 0; j < m; j += 1) mean[j] = mean[j]! + row[j]! * weight;
    }
    const deviation = new Float64Array(m);
    for (let j = 0; j < m; j += 1) {
      deviation[j] = Math.sqrt(Math.max(variance * (1 - solves.explained[j]!), 0));
    }
    return { mean, deviation };
  }

  /** The candidate solves of `entry`, grown to `n` rows (kept for the last few entries used). */
  #solvesFor(entry: GridEntry, n: number): CandidateSolves {
    const m = this.#count;
    let solves = this.#solves.get(entry);
    if (solves === undefined) {
      const rows = m * this.#capacity <= maxCachedEntries ? this.#capacity : n;
      solves = {
        rows: 0,
        cross: new Float64Array(rows * m),
        solved: new Float64Array(rows * m),
        explained: new Float64Array(m),
      };
      if (rows === this.#capacity) {
        this.#solves.set(entry, solves);
        if (this.#solves.size > cachedChoices) {
          this.#solves.delete(this.#solves.keys().next().value!);
        }
      }
    } else {
      // Most recently used last.
      this.#solves.delete(entry);
      this.#solves.set(entry, solves);
    }
    const stride = this.#capacity;
    const dimensions = this.#dimensions;
    const scaled = new Float64Array(dimensions);
    const candidates = this.#candidates;
    const { cross, solved, explained } = solves;
    const { lower } = entry;
    for (let i = solves.rows; i < n; i += 1) {
      // Row i of k*: the kernel between observation i and every candidate, as `predict` computes it.
      for (let d = 0; d < dimensions; d += 1) scaled[d] = this.#inputs[i]![d]! / entry.scales[d]!;
      const crossRow = cross.subarray(i * m, (i + 1) * m);
      for (let j = 0; j < m; j += 1) {
        let squared = 0;
        for (let d = 0; d < dimensions; d += 1) {
          const difference = candidates[j * dimensions + d]! / entry.scales[d]! - scaled[d]!;
          squared += difference * difference;
        }
        const r = Math.sqrt(squared);
        crossRow[j] = (1 + sqrt5 * r + (5 * squared) / 3) * Math.exp(-sqrt5 * r);
      }
      // Row i of v = L⁻¹ k*: v_i = (k*_i - Σ_{k<i} L_ik v_k) / L_ii, summed in k order.
      const out = solved.subarray(i * m, (i + 1) * m);
      out.set(crossRow);
      for (let k = 0; k < i; k += 1) {
        const factor = lower[i * stride + k]!;
        const previous = solved.subarray(k * m, (k + 1) * m);
        for (let j = 0; j < m; j += 1) out[j] = out[j]! - factor * previous[j]!;
      }
      const diagonal = lower[i * stride + i]!;
      for (let j = 0; j < m; j += 1) {
        const value = out[j]! / diagonal;
        out[j] = value;
        explained[j] = explained[j]! + value * value;
      }
    }
    solves.rows = n;
    return solves;
  }
}
