import { aggregateCurves, experiments, learningCurveSpec, type UnitSeries } from '@trace/bench';
import type { CurveChart } from '../common/api-types.js';
import { type LoadedRun, runMethod } from './run-summary.js';

/**
 * Learning curves per experiment with `@trace/bench`'s own `learningCurveSpec` and
 * `aggregateCurves` (mean ± standard error over units, per method and step), so the viewer draws
 * what the bench report plots. A unit's series is its evaluation means by step, or its steps' batch
 * means when it has no evaluations. Unlike the report, running units are included (their curves
 * grow live); failed units are left out.
 */
export function curveCharts(runs: readonly LoadedRun[]): CurveChart[] {
  const byExperiment = new Map<string, UnitSeries[]>();
  for (const run of runs) {
    if ((run.final as { status?: unknown } | undefined)?.status === 'failed') continue;
    const values = new Map<number, number>();
    for (const event of run.events) {
      if (event.type === 'evaluation') values.set(event.step, event.mean);
    }
    if (values.size === 0) {
      for (const event of run.events) {
        if (event.type === 'step') values.set(event.step, event.meanScore);
      }
    }
    if (values.size === 0) continue;
    const experiment = run.manifest.experiment ?? '(no experiment)';
    const series: UnitSeries = {
      method: runMethod(run.manifest),
      task: run.manifest.task ?? '',
      seed: run.manifest.seed ?? 0,
      status: 'completed',
      values,
    };
    byExperiment.set(experiment, [...(byExperiment.get(experiment) ?? []), series]);
  }
  return [...byExperiment.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, units]) => {
      const definition = experiments.find((experiment) => experiment.name === name);
      const order = definition?.methods.map((method) => method.name) ?? [];
      const points = aggregateCurves(units, order).flatMap((curve) => curve.points);
      const metric = definition?.metric.name ?? 'score';
      return {
        experiment: name,
        spec: learningCurveSpec(points, {
          title: `${definition?.title ?? name}: ${metric}`,
          yTitle: metric,
        }),
      };
    });
}
