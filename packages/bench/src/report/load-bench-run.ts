import { relative } from 'node:path';
import { findRunDirectories, readRunDirectory } from '@trace/trainer';
import { BenchError } from '../bench-error.js';
import { type BenchManifest, readBenchManifest } from '../run/bench-manifest.js';

/** One unit's metric per step, as read from its run directory. */
export interface UnitSeries {
  readonly method: string;
  readonly task: string;
  readonly seed: number;
  /** `completed`, `failed`, or `running` (no final.json yet). */
  readonly status: 'completed' | 'failed' | 'stopped' | 'running';
  /** The metric by step. */
  readonly values: ReadonlyMap<number, number>;
}

/** A bench run folder, read and validated. */
export interface BenchRun {
  readonly folder: string;
  readonly manifest: BenchManifest;
  readonly units: readonly UnitSeries[];
}

/** Reads `bench.json` and every unit's run directory under `folder`. */
export async function loadBenchRun(folder: string): Promise<BenchRun> {
  const manifest = await readBenchManifest(folder);
  if (manifest === undefined) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${folder} has no bench.json, so it is not a bench run folder. Pass the --out folder of a trace-bench run.`,
    );
  }
  const units: UnitSeries[] = [];
  for (const directory of await findRunDirectories(folder)) {
    const run = await readRunDirectory(directory);
    const { method, task, seed } = run.manifest;
    if (method === undefined || task === undefined || seed === undefined) {
      throw new BenchError(
        'RUN_DIRECTORY',
        `${relative(folder, directory)}/manifest.json names no method, task and seed; it is not a bench unit.`,
      );
    }
    const values = new Map<number, number>();
    for (const event of run.events) {
      if (event.type === 'evaluation' && event.split === 'test') values.set(event.step, event.mean);
    }
    units.push({ method, task, seed, status: run.final?.status ?? 'running', values });
  }
  return { folder, manifest, units };
}
