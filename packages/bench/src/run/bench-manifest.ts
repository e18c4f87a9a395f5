import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { BenchError } from '../bench-error.js';

/** The bench run-folder format version this package writes and the newest it reads. */
export const benchFormatVersion = 1;

/** `bench.json` at the top of a bench run folder: what was asked for. Units live under `units/`. */
export const benchManifestSchema = z.looseObject({
  format: z.literal('trace-bench-run'),
  formatVersion: z.number().int().positive(),
  experiment: z.string().min(1),
  size: z.enum(['smoke', 'paper']),
  methods: z.array(z.string().min(1)).min(1),
  steps: z.number().int().positive(),
  seeds: z.number().int().positive().optional(),
  /** `provider:model`, or absent when only baselines ran. */
  model: z.string().optional(),
  /** `scripted`: LLM methods ran with a scripted model (a pipeline check, not a result). */
  modelKind: z.enum(['none', 'real', 'scripted', 'replay']),
  /** The traffic simulator (absent: native). */
  simulator: z.enum(['native', 'uxsim']).optional(),
  createdAt: z.string(),
});
/** `bench.json`. */
export type BenchManifest = z.infer<typeof benchManifestSchema>;

/** The file name of the bench manifest. */
export const benchManifestFile = 'bench.json';

/** Reads `bench.json` of a run folder, or undefined when there is none; names the problem otherwise. */
export async function readBenchManifest(folder: string): Promise<BenchManifest | undefined> {
  const path = join(folder, benchManifestFile);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${path} is not valid JSON; it is not a bench run folder.`,
      {
        cause: error,
      },
    );
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > benchFormatVersion) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${path} was written by a newer @trace/bench (format ${version}; this one reads up to ${benchFormatVersion}). Upgrade @trace/bench to read it.`,
    );
  }
  const parsed = benchManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new BenchError(
      'RUN_DIRECTORY',
      `${path} is not a bench manifest: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ')}.`,
    );
  }
  return parsed.data;
}

/** Writes `bench.json` atomically (a temporary file renamed over it). */
export async function writeBenchManifest(folder: string, manifest: BenchManifest): Promise<void> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, benchManifestFile);
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(benchManifestSchema.parse(manifest), null, 2)}\n`);
  await rename(temporary, path);
}
