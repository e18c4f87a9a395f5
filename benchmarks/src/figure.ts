/** One measured figure printed by `pnpm bench:perf`. */
export interface Figure {
  /** What was measured, e.g. "forward tracing, 1,000,000-op chain". */
  readonly name: string;
  /** The measured value. */
  readonly value: number;
  /** Unit of `value`, e.g. "ms", "µs/op", "bytes/node", "tokens". */
  readonly unit: string;
  /** Human-readable target, e.g. "<= 2000 ms". Omit for informational figures. */
  readonly target?: string;
  /** Whether the target was met; omit when there is no target. */
  readonly met?: boolean;
}

/** A benchmark suite: measures and reports figures through `report`. */
export interface BenchmarkSuite {
  /** Short suite name used on the command line (`pnpm bench:perf core`). */
  readonly name: string;
  /** Runs the measurements. Must not depend on network or an LLM. */
  run(report: (figure: Figure) => void): Promise<void>;
}

/** Formats a figure as one aligned line. */
export function formatFigure(figure: Figure): string {
  const value = Number.isInteger(figure.value) ? String(figure.value) : figure.value.toPrecision(4);
  const target = figure.target
    ? `  (target ${figure.target}: ${figure.met === true ? 'met' : figure.met === false ? 'MISSED' : 'no verdict'})`
    : '';
  return `${figure.name.padEnd(64)} ${value} ${figure.unit}${target}`;
}

/** Measures the wall time of `work` in milliseconds. */
export async function timeMs(work: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
