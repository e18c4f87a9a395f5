import type { TopLevelSpec } from 'vega-lite';

/** One point of a learning curve: a method's mean at a step, with its error band. */
export interface CurvePoint {
  /** The method, e.g. `trace`, `opro`, `adam`. */
  readonly method: string;
  /** The step (x axis). */
  readonly step: number;
  /** The mean over units (problems, seeds, tasks). */
  readonly mean: number;
  /** The standard error of the mean (the band is mean ± standardError). */
  readonly standardError: number;
}

/** Options of {@link learningCurveSpec}. */
export interface LearningCurveOptions {
  /** The chart title, e.g. `Numerical optimization: absolute error`. */
  readonly title: string;
  /** The y-axis label, e.g. `mean absolute error`. */
  readonly yTitle: string;
  /** The x-axis label (default `step`). */
  readonly xTitle?: string;
  /** A subtitle, e.g. `pipeline check with a scripted model` (shown under the title). */
  readonly subtitle?: string;
}

/**
 * A declarative Vega-Lite spec of learning curves with error bands (mean ± standard error per method
 * and step), like the paper's figures. The same spec is rendered to SVG/PNG by the bench report and
 * drawn by the run viewer.
 *
 * @example
 * const spec = learningCurveSpec(points, { title: 'Numerical', yTitle: 'absolute error' });
 * const svg = await renderSvg(spec);
 */
export function learningCurveSpec(
  points: readonly CurvePoint[],
  options: LearningCurveOptions,
): TopLevelSpec {
  const values = points.map((point) => ({
    method: point.method,
    step: point.step,
    mean: finiteOrNull(point.mean),
    lower: finiteOrNull(point.mean - point.standardError),
    upper: finiteOrNull(point.mean + point.standardError),
  }));
  const x = { field: 'step', type: 'quantitative', title: options.xTitle ?? 'step' } as const;
  const color = { field: 'method', type: 'nominal', title: 'method' } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title:
      options.subtitle === undefined
        ? options.title
        : { text: options.title, subtitle: options.subtitle },
    width: 480,
    height: 300,
    background: 'white',
    data: { values },
    layer: [
      {
        mark: { type: 'errorband', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'lower', type: 'quantitative', title: options.yTitle },
          y2: { field: 'upper' },
          color,
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: options.yTitle },
          color,
        },
      },
    ],
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
