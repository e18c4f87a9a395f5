import { BenchError } from '../bench-error.js';
import { findExperiment } from '../experiments/registry.js';
import { aggregateCurves, type MethodCurve } from './aggregate.js';
import { formatMeanError, formatNumber } from './format-number.js';
import { loadBenchRun } from './load-bench-run.js';

/**
 * The per-step tables of two runs of the same experiment side by side, with the difference of the
 * means (second − first) per method and step. Deterministic, like the report.
 */
export async function compareRuns(first: string, second: string): Promise<string> {
  const [a, b] = await Promise.all([loadBenchRun(first), loadBenchRun(second)]);
  if (a.manifest.experiment !== b.manifest.experiment) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${first} is a run of '${a.manifest.experiment}' and ${second} of '${b.manifest.experiment}'; compare two runs of the same experiment.`,
    );
  }
  const experiment = findExperiment(a.manifest.experiment);
  const order = experiment.methods.map((method) => method.name);
  const curvesA = aggregateCurves(a.units, order);
  const curvesB = aggregateCurves(b.units, order);
  const methods = [...new Set([...curvesA, ...curvesB].map((curve) => curve.method))];
  const lines = [
    `# ${experiment.title}: ${first} vs ${second}`,
    '',
    `Metric: ${experiment.metric.name} (${experiment.metric.lowerIsBetter ? 'lower' : 'higher'} is better). Difference: second − first.`,
    '',
  ];
  for (const method of methods) {
    lines.push(
      `## ${method}`,
      '',
      '| step | first | second | difference |',
      '|---:|---:|---:|---:|',
    );
    const pa = pointsOf(curvesA, method);
    const pb = pointsOf(curvesB, method);
    const steps = [...new Set([...pa.keys(), ...pb.keys()])].sort((x, y) => x - y);
    for (const step of steps) {
      const x = pa.get(step);
      const y = pb.get(step);
      const cell = (p: typeof x) =>
        p === undefined ? '–' : `${formatMeanError(p.mean, p.standardError)} (${p.units})`;
      const difference = x === undefined || y === undefined ? '–' : formatNumber(y.mean - x.mean);
      lines.push(`| ${step} | ${cell(x)} | ${cell(y)} | ${difference} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function pointsOf(curves: readonly MethodCurve[], method: string) {
  return new Map(
    (curves.find((curve) => curve.method === method)?.points ?? []).map((point) => [
      point.step,
      point,
    ]),
  );
}
