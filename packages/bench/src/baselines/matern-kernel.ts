const sqrt5 = Math.sqrt(5);

/**
 * The Matérn 5/2 correlation between two points with one length scale per dimension:
 * (1 + √5 r + 5r²/3) · exp(-√5 r), r the scaled distance. 1 at distance 0.
 */
export function maternCorrelation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  lengthScales: ArrayLike<number>,
): number {
  let squared = 0;
  for (let i = 0; i < lengthScales.length; i += 1) {
    const d = (a[i]! - b[i]!) / lengthScales[i]!;
    squared += d * d;
  }
  const r = Math.sqrt(squared);
  return (1 + sqrt5 * r + (5 * squared) / 3) * Math.exp(-sqrt5 * r);
}
