/** A box of integer points: each coordinate an integer from `low` to `high` inclusive. */
export type IntegerBox = readonly (readonly [low: number, high: number])[];

/** One evaluated point of a baseline search, in call order. */
export interface SearchCall {
  /** The integer point evaluated. */
  readonly point: readonly number[];
  /** The objective's value there (lower is better). */
  readonly value: number;
  /** Why this point was chosen, e.g. `start`, `sobol`, `model` (GP) or `iteration 3` (PSO). */
  readonly origin: string;
}

/** What a baseline search found. */
export interface SearchResult {
  /** The best point (lowest value; the earliest on ties). */
  readonly best: readonly number[];
  /** Its value. */
  readonly bestValue: number;
  /** Every call in order. */
  readonly calls: readonly SearchCall[];
}

/** Throws a RangeError unless `box` is a non-empty list of integer ranges with low <= high. */
export function checkIntegerBox(box: IntegerBox): void {
  if (box.length === 0) throw new RangeError('The search box needs at least one dimension.');
  box.forEach(([low, high], index) => {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || low > high) {
      throw new RangeError(
        `Dimension ${index} of the search box must be [low, high] with integers low <= high; got [${String(low)}, ${String(high)}].`,
      );
    }
  });
}

/** Throws a RangeError unless `point` is an integer point inside `box`. */
export function checkPointInBox(point: readonly number[], box: IntegerBox, what: string): void {
  const inside =
    point.length === box.length &&
    point.every(
      (value, index) =>
        Number.isInteger(value) && value >= box[index]![0] && value <= box[index]![1],
    );
  if (!inside) {
    throw new RangeError(
      `${what} must be an integer point inside the box ${JSON.stringify(box)}; got ${JSON.stringify(point)}.`,
    );
  }
}

/** The best call: lowest finite value, the earliest on ties; throws when no value is finite. */
export function bestCall(calls: readonly SearchCall[]): SearchCall {
  let best: SearchCall | undefined;
  for (const call of calls) {
    if (Number.isFinite(call.value) && (best === undefined || call.value < best.value)) best = call;
  }
  if (best === undefined) {
    throw new RangeError('The objective returned no finite value; there is no best point.');
  }
  return best;
}

/** Evaluates `objective` at `point`, checking that the value is a number. */
export async function evaluatePoint(
  objective: (point: readonly number[]) => number | Promise<number>,
  point: readonly number[],
): Promise<number> {
  const value = await objective(point);
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new TypeError(
      `The objective must return a number; at ${JSON.stringify(point)} it returned ${String(value)}.`,
    );
  }
  return value;
}
