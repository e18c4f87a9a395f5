/** The standard normal density. */
function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** The standard normal distribution function (Abramowitz-Stegun 7.1.26 on erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/**
 * Expected improvement below `best` (minimization) of a normal prediction with `mean` and standard
 * deviation `deviation`, with the exploration margin `xi` (0.01, as scikit-optimize's default).
 */
export function expectedImprovement(
  mean: number,
  deviation: number,
  best: number,
  xi = 0.01,
): number {
  const gain = best - mean - xi;
  if (!(deviation > 1e-12)) return Math.max(gain, 0);
  const z = gain / deviation;
  return gain * normalCdf(z) + deviation * normalDensity(z);
}
