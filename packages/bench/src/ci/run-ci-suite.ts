import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel } from '@trace/llm';
import { experiments } from '../experiments/registry.js';
import { aggregateCurves } from '../report/aggregate.js';
import { loadBenchRun } from '../report/load-bench-run.js';
import { writeReport } from '../report/write-report.js';
import { runExperiment } from '../run/run-experiment.js';
import { checkReportFiles } from './check-report-files.js';
import { compareWithReference, readReference, referenceFigures } from './reference.js';

/** Options of {@link runCiSuite}. */
export interface CiSuiteOptions {
  /** Folder of the committed reference files (`<experiment>.json`). */
  readonly referenceFolder: string;
  /** Rewrite the references from this run instead of comparing. */
  readonly updateReferences?: boolean;
  /** The scripted model for LLM methods (a pipeline check); without it LLM methods are not run. */
  readonly scriptedModel?: LanguageModel;
  /** Where to write run folders (default: a temporary folder, removed afterwards). */
  readonly out?: string;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

/**
 * The CI suite: every experiment at smoke size with every method it can run (baselines for real, LLM
 * methods with a scripted model, labelled a pipeline check), the report and plots checked, and the
 * baselines' figures compared with the committed references. Resolves with the problems found.
 */
export async function runCiSuite(options: CiSuiteOptions): Promise<string[]> {
  const root = options.out ?? (await mkdtemp(join(tmpdir(), 'trace-bench-ci-')));
  const problems: string[] = [];
  try {
    for (const experiment of experiments) {
      const baselines = experiment.methods.filter((m) => m.kind === 'baseline').map((m) => m.name);
      const methods = experiment.methods
        .filter((m) => m.kind === 'baseline' || options.scriptedModel !== undefined)
        .map((m) => m.name);
      const folder = join(root, experiment.name);
      const started = performance.now();
      await runExperiment({
        experiment: experiment.name,
        methods,
        size: 'smoke',
        out: folder,
        concurrency: 2,
        ...(options.scriptedModel === undefined
          ? {}
          : {
              model: options.scriptedModel,
              modelLabel: 'scripted:pipeline-check',
              modelKind: 'scripted' as const,
            }),
      });
      const files = await writeReport(folder);
      problems.push(...(await checkReportFiles(folder, files)));
      const curves = aggregateCurves((await loadBenchRun(folder)).units, methods);
      const referencePath = join(options.referenceFolder, `${experiment.name}.json`);
      if (options.updateReferences === true) {
        const reference = {
          experiment: experiment.name,
          size: 'smoke' as const,
          source: 'pnpm bench:ci --update-references (baselines at smoke size)',
          tolerance: 1e-9,
          figures: referenceFigures(curves, baselines),
        };
        await writeFile(referencePath, `${JSON.stringify(reference, null, 2)}\n`);
        options.log(`${experiment.name}: reference written to ${referencePath}`);
      } else {
        problems.push(...compareWithReference(curves, await readReference(referencePath)));
      }
      options.log(
        `${experiment.name}: ${methods.join(', ')} at smoke size in ${((performance.now() - started) / 1000).toFixed(1)} s${options.scriptedModel === undefined ? '' : ' (LLM methods: pipeline check with a scripted model)'}`,
      );
    }
  } finally {
    if (options.out === undefined) await rm(root, { recursive: true, force: true });
  }
  return problems;
}
