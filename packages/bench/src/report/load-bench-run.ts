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
  /** Model calls and tokens of each step (steps of LLM methods only; absent: none recorded). */
  readonly usage?: ReadonlyMap<number, StepUsage>;
}

/** What one step asked of the model. */
export interface StepUsage {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
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
    const usage = new Map<number, StepUsage>();
    for (const event of run.events) {
      if (event.type !== 'evaluation' || event.split !== 'test') continue;
      values.set(event.step, event.mean);
      const used = stepUsageOf((event as { usage?: unknown }).usage);
      if (used !== undefined && used.calls > 0) usage.set(event.step, used);
    }
    units.push({ method, task, seed, status: run.final?.status ?? 'running', values, usage });
  }
  return { folder, manifest, units };
}

function stepUsageOf(value: unknown): StepUsage | undefined {
  const usage = value as Partial<StepUsage> | null | undefined;
  const numbers = [usage?.calls, usage?.inputTokens, usage?.outputTokens];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  return {
    calls: usage!.calls!,
    inputTokens: usage!.inputTokens!,
    outputTokens: usage!.outputTokens!,
  };
}
