/**
 * The Cholesky factor L (row-major, n × n, lower triangle filled) of a symmetric positive-definite
 * matrix given row-major, or undefined when the matrix is not positive definite. Written out rather
 * than taken from a matrix library: the GP baseline factors thousands of small matrices per run, and
 * a library's element accessors made that 50 times slower than the benchmark's 1 s target.
 */
export function choleskyFactor(matrix: Float64Array, n: number): Float64Array | undefined {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k += 1) sum -= lower[i * n + k]! * lower[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) return undefined;
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / lower[j * n + j]!;
      }
    }
  }
  return lower;
}

/** Solves L y = b in place of a copy (forward substitution); `lower` from {@link choleskyFactor}. */
export function forwardSubstitute(
  lower: Float64Array,
  n: number,
  b: ArrayLike<number>,
): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    let sum = b[i]!;
    for (let k = 0; k < i; k += 1) sum -= lower[i * n + k]! * y[k]!;
    y[i] = sum / lower[i * n + i]!;
  }
  return y;
}

/** Solves Lᵀ x = y (back substitution). */
export function backSubstitute(lower: Float64Array, n: number, y: ArrayLike<number>): Float64Array {
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i -= 1) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k += 1) sum -= lower[k * n + i]! * x[k]!;
    x[i] = sum / lower[i * n + i]!;
  }
  return x;
}
