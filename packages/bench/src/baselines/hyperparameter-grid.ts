/**
 * The Gaussian process's hyperparameter grid, shared by the incremental fit and the from-scratch fit
 * its tests compare it with: length scales (normalized coordinates, one per dimension) and noise
 * ratios (noise variance / signal variance).
 */
export const lengthScaleGrid = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6];

/** Noise ratios tried for each combination of length scales. */
export const noiseRatioGrid = [1e-6, 1e-2];

/** Every combination of one grid length scale per dimension, the last dimension varying fastest. */
export function* scaleCombinations(dimensions: number): Generator<number[]> {
  if (dimensions === 0) {
    yield [];
    return;
  }
  for (const rest of scaleCombinations(dimensions - 1)) {
    for (const scale of lengthScaleGrid) yield [...rest, scale];
  }
}
