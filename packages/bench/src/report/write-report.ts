import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { learningCurveSpec } from '../charts/learning-curve-spec.js';
import { renderSvg, svgToPng } from '../charts/render-chart.js';
import type { ExperimentDefinition } from '../experiments/experiment-definition.js';
import { findExperiment } from '../experiments/registry.js';
import { aggregateCurves, type MethodCurve } from './aggregate.js';
import { formatMeanError, formatNumber } from './format-number.js';
import { type BenchRun, loadBenchRun } from './load-bench-run.js';
import { modelUseTable } from './model-use.js';

/** The files a report wrote, relative to the run folder. */
export interface ReportFiles {
  readonly markdown: string;
  readonly svg: string;
  readonly png: string;
}

/**
 * Writes `report.md` and `plots/<experiment>.svg|png` into a bench run folder: learning curves (mean ±
 * standard error per method and step), the final figures beside the paper's, and the protocol notes.
 * Deterministic: the same units give byte-identical tables (no timings, costs or dates in them).
 */
export async function writeReport(folder: string): Promise<ReportFiles> {
  const run = await loadBenchRun(folder);
  const experiment = findExperiment(run.manifest.experiment);
  const curves = aggregateCurves(
    run.units,
    experiment.methods.map((method) => method.name),
  );
  const files = {
    markdown: 'report.md',
    svg: join('plots', `${experiment.name}.svg`),
    png: join('plots', `${experiment.name}.png`),
  };
  const scripted = run.manifest.modelKind === 'scripted';
  const svg = await renderSvg(
    learningCurveSpec(
      curves.flatMap((curve) => curve.points),
      {
        title: `${experiment.title}: ${experiment.metric.name}`,
        yTitle: experiment.metric.name,
        ...(scripted ? { subtitle: 'pipeline check: LLM methods ran with a scripted model' } : {}),
      },
    ),
  );
  await mkdir(join(folder, 'plots'), { recursive: true });
  await writeFile(join(folder, files.svg), svg);
  await writeFile(join(folder, files.png), svgToPng(svg));
  await writeFile(join(folder, files.markdown), renderMarkdown(run, experiment, curves, files));
  return files;
}

/** The report's markdown (exported for `compare` and tests). */
export function renderMarkdown(
  run: BenchRun,
  experiment: ExperimentDefinition,
  curves: readonly MethodCurve[],
  files: ReportFiles,
): string {
  const { manifest } = run;
  const lines: string[] = [
    `# ${experiment.title} (${experiment.paperSection})`,
    '',
    `Size \`${manifest.size}\`, ${manifest.steps} steps, methods ${manifest.methods.map((m) => `\`${m}\``).join(', ')}; model: ${manifest.model ?? 'none'} (${manifest.modelKind}).`,
    '',
  ];
  if (manifest.modelKind === 'scripted') {
    lines.push(
      '> **Pipeline check.** The LLM methods ran with a scripted model: their numbers show that the pipeline works, not how well the optimizer does. Only the baselines are results.',
      '',
    );
  }
  lines.push(
    `**Metric:** ${experiment.metric.name} (${experiment.metric.lowerIsBetter ? 'lower' : 'higher'} is better): ${experiment.metric.definition}`,
    '',
    `![${experiment.title}](${files.svg})`,
    '',
    '## Per step: mean ± standard error over units',
    '',
    ...stepTable(curves),
    '',
    '## Final figures beside the paper',
    '',
    ...finalTable(experiment, curves),
    '',
    ...modelUse(run, experiment),
    '## Units',
    '',
    ...unitCounts(run),
    '',
    '## Protocol decisions',
    '',
    ...experiment.notes.map((note) => `- ${note}`),
    '',
    'Standard error: sample standard deviation / √n over the units of a method at a step.',
    '',
  );
  return lines.join('\n');
}

function stepTable(curves: readonly MethodCurve[]): string[] {
  if (curves.length === 0) return ['No unit has finished yet.'];
  const steps = [...new Set(curves.flatMap((curve) => curve.points.map((p) => p.step)))].sort(
    (a, b) => a - b,
  );
  const header = `| step | ${curves.map((curve) => curve.method).join(' | ')} |`;
  const rule = `|---:|${curves.map(() => '---:').join('|')}|`;
  const rows = steps.map((step) => {
    const cells = curves.map((curve) => {
      const point = curve.points.find((p) => p.step === step);
      return point === undefined
        ? '–'
        : `${formatMeanError(point.mean, point.standardError)} (${point.units})`;
    });
    return `| ${step} | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows];
}

function finalTable(experiment: ExperimentDefinition, curves: readonly MethodCurve[]): string[] {
  const rows = ['| method | step | ours | paper | source |', '|---|---:|---:|---:|---|'];
  for (const curve of curves) {
    const last = curve.points.at(-1);
    const figures = experiment.paperFigures.filter((figure) => figure.method === curve.method);
    if (figures.length === 0) {
      rows.push(
        `| ${curve.method} | ${last?.step ?? '–'} | ${last === undefined ? '–' : formatMeanError(last.mean, last.standardError)} | – | the paper gives no figure |`,
      );
      continue;
    }
    for (const figure of figures) {
      const ours =
        figure.step === 'final' ? last : curve.points.find((p) => p.step === figure.step);
      rows.push(
        `| ${curve.method} | ${figure.step === 'final' ? `final (${last?.step ?? '–'})` : figure.step} | ${ours === undefined ? 'not run to this step' : formatMeanError(ours.mean, ours.standardError)} | ${formatNumber(figure.value)} | ${figure.source}, ${figure.precision} |`,
      );
    }
  }
  return rows;
}

function modelUse(run: BenchRun, experiment: ExperimentDefinition): string[] {
  const table = modelUseTable(
    run.units,
    experiment.methods.map((method) => method.name),
  );
  if (table.length === 0) return [];
  const note =
    run.manifest.modelKind === 'scripted'
      ? 'Counted with the scripted model of a pipeline check: calls are what the optimizers ask for; tokens are estimated from its short replies.'
      : 'Tokens as the provider reported them (or estimated where it did not).';
  return ['## Model use per optimization step', '', note, '', ...table, ''];
}

function unitCounts(run: BenchRun): string[] {
  const counts = new Map<string, Map<string, number>>();
  for (const unit of run.units) {
    const byStatus = counts.get(unit.method) ?? new Map<string, number>();
    byStatus.set(unit.status, (byStatus.get(unit.status) ?? 0) + 1);
    counts.set(unit.method, byStatus);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([method, byStatus]) =>
        `- ${method}: ${[...byStatus.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([status, n]) => `${n} ${status}`)
          .join(', ')}`,
    );
}
