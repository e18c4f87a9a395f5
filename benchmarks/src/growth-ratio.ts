/**
 * How much the cost of one more unit of size grows from small to large sizes: the slope of a
 * least-squares line through the larger half of the measurements divided by that through the smaller
 * half (they share the middle size when the count is odd). 1 means linear growth, whatever the fixed
 * cost; quadratic growth gives about the ratio of the sizes. Fitting lines through several sizes,
 * rather than comparing two per-unit times, keeps one noisy measurement or a large fixed cost from
 * hiding superlinear growth.
 *
 * @example
 * growthRatio([1, 2, 3, 4, 5], [10, 11, 12, 13, 14]); // 1 (linear, fixed cost 9)
 */
export function growthRatio(sizes: readonly number[], times: readonly number[]): number {
  if (sizes.length !== times.length || sizes.length < 3) {
    throw new RangeError('growthRatio needs at least three sizes, each with one time.');
  }
  const half = Math.ceil(sizes.length / 2);
  const lower = slope(sizes.slice(0, half), times.slice(0, half));
  const upper = slope(sizes.slice(-half), times.slice(-half));
  return upper / lower;
}

/** The slope of the least-squares line through the points. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * (ys[index]! - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}
