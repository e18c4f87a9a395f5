import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readFinal, readManifest, runFiles } from '@trace/trainer';
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

/** Unit folders read at once. */
const readConcurrency = 32;

/**
 * Every folder under `folder` that holds a `manifest.json` (a unit), sorted; as the trainer's
 * `findRunDirectories`, but the folders of one level are listed at once rather than one by one.
 */
async function findUnitDirectories(folder: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name === runFiles.manifest)) {
      found.push(directory);
      return;
    }
    await Promise.all(
      entries
        .filter((entry) => entry.isDirectory() && entry.name !== 'node_modules')
        .map((entry) => visit(join(directory, entry.name))),
    );
  };
  await visit(folder);
  return found.sort();
}

/**
 * Reads `bench.json` and every unit's run directory under `folder`, several at once. Each unit's
 * manifest and final result are validated by the trainer's readers; of `events.jsonl` only the
 * evaluation events are parsed (the report uses nothing else), each checked field by field with the
 * file and line named on error. `readRunDirectory` of `@trace/trainer` validates a whole unit.
 */
export async function loadBenchRun(folder: string): Promise<BenchRun> {
  const manifest = await readBenchManifest(folder);
  if (manifest === undefined) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${folder} has no bench.json, so it is not a bench run folder. Pass the --out folder of a trace-bench run.`,
    );
  }
  const directories = await findUnitDirectories(folder);
  const units: UnitSeries[] = new Array(directories.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < directories.length) {
      const index = next;
      next += 1;
      units[index] = await readUnit(folder, directories[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(readConcurrency, directories.length) }, worker));
  return { folder, manifest, units };
}

async function readUnit(folder: string, directory: string): Promise<UnitSeries> {
  const [unitManifest, final, text] = await Promise.all([
    readManifest(directory),
    readFinal(directory),
    readFile(join(directory, runFiles.events), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    }),
  ]);
  const { method, task, seed } = unitManifest;
  if (method === undefined || task === undefined || seed === undefined) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${relative(folder, directory)}/manifest.json names no method, task and seed; it is not a bench unit.`,
    );
  }
  const values = new Map<number, number>();
  const usage = new Map<number, StepUsage>();
  const path = join(directory, runFiles.events);
  const lines = text.split('\n');
  // The last piece has no newline: empty, or a line cut short by a crash (left out, as the trainer does).
  lines.pop();
  lines.forEach((line, index) => {
    if (!line.includes('"evaluation"')) return;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new BenchError(
        'RUN_DIRECTORY',
        `${path}:${index + 1} is not valid JSON (${(error as Error).message}); the unit's events are damaged. Remove the unit folder and run again with --resume.`,
      );
    }
    if (event.type !== 'evaluation' || event.split !== 'test') return;
    const { step, mean } = event;
    if (!Number.isSafeInteger(step) || (step as number) < 0 || typeof mean !== 'number') {
      throw new BenchError(
        'RUN_DIRECTORY',
        `${path}:${index + 1} is an evaluation event without a whole step >= 0 and a numeric mean; the unit's events are damaged. Remove the unit folder and run again with --resume.`,
      );
    }
    values.set(step as number, mean);
    const used = stepUsageOf(event.usage);
    if (used !== undefined && used.calls > 0) usage.set(step as number, used);
  });
  return { method, task, seed, status: final?.status ?? 'running', values, usage };
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
