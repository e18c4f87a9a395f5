/** Mean and standard error of the mean (sample standard deviation / sqrt(n); 0 for one value). */
export function meanAndStandardError(values: readonly number[]): {
  mean: number;
  standardError: number;
} {
  if (values.length === 0) return { mean: Number.NaN, standardError: Number.NaN };
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (values.length === 1) return { mean, standardError: 0 };
  const variance =
    values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, standardError: Math.sqrt(variance / values.length) };
}
