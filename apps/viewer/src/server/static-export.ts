import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { StaticBundle } from '../common/api-types.js';
import { clientBundle, graphvizWorkerBundle } from './client-bundle.js';
import { curveCharts } from './curves.js';
import { staticPage } from './page.js';
import { RunStore } from './run-store.js';
import { runDetail, summarizeRun } from './run-summary.js';

/** Reads every run under `folders` into the data a static page inlines. */
export async function staticBundle(folders: readonly string[]): Promise<StaticBundle> {
  const store = await RunStore.open(folders);
  const runs = await store.all();
  const details: Record<string, ReturnType<typeof runDetail>> = {};
  const steps: Record<string, Record<string, unknown>> = {};
  for (const run of runs) {
    details[run.id] = runDetail(run);
    const byStep: Record<string, unknown> = {};
    for (const event of run.events) if (event.type === 'step') byStep[String(event.step)] = event;
    steps[run.id] = byStep;
  }
  return {
    title: `Trace runs: ${folders.map((folder) => basename(folder)).join(', ')}`,
    runs: runs.map(summarizeRun),
    details,
    steps,
    curves: curveCharts(runs),
  };
}

/**
 * Writes one self-contained HTML file (data and script inlined, and Graphviz when a step has a
 * graph; it opens without a server or network).
 */
export async function writeStaticViewer(file: string, folders: readonly string[]): Promise<void> {
  const data = await staticBundle(folders);
  // Graphviz (~1.1 MB in base64) goes in only when a step carries a graph to draw.
  const hasGraph = Object.values(data.steps).some((steps) =>
    Object.values(steps).some(
      (step) => typeof (step as { graph?: { dot?: unknown } }).graph?.dot === 'string',
    ),
  );
  const worker = hasGraph ? await graphvizWorkerBundle() : undefined;
  await writeFile(file, await staticPage(data.title, data, await clientBundle(), worker));
}
