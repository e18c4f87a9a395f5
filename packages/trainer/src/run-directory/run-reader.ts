import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainerError } from '../errors.js';
import { parseRunDocument } from './parse-run-file.js';
import {
  type Checkpoint,
  checkpointSchema,
  finalSchema,
  manifestSchema,
  type RunEvent,
  type RunFinal,
  type RunManifest,
  runEventSchema,
} from './schemas.js';

/** File names inside a run directory. */
export const runFiles = {
  manifest: 'manifest.json',
  events: 'events.jsonl',
  checkpoints: 'checkpoints',
  final: 'final.json',
} as const;

/** Everything a run directory holds, validated. */
export interface RunDirectoryContents {
  readonly directory: string;
  readonly manifest: RunManifest;
  readonly events: RunEvent[];
  /** True when the last line of `events.jsonl` was cut short (the writer died mid-line); it is left out. */
  readonly truncatedTail: boolean;
  /** Absent while the run is going or after a crash. */
  readonly final: RunFinal | undefined;
  /** Checkpoint file names, oldest first. */
  readonly checkpoints: string[];
}

const readText = async (path: string, what: string): Promise<string> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new TrainerError(
      'RUN_DIRECTORY',
      missing
        ? `${path} does not exist, so this is not a run directory (no ${what}). Pass the folder that holds manifest.json.`
        : `Cannot read ${path}: ${(error as Error).message}`,
      { path, cause: error },
    );
  }
};

/** Reads and validates `manifest.json`. */
export async function readManifest(directory: string): Promise<RunManifest> {
  const path = join(directory, runFiles.manifest);
  return parseRunDocument(manifestSchema, await readText(path, 'manifest.json'), {
    path,
    what: 'run manifest',
  });
}

/**
 * Parses `events.jsonl` text: every complete line must be a valid event (the error names the line);
 * a last line without its newline is a write cut short by a crash and is reported, not parsed.
 */
export function parseEvents(
  text: string,
  path: string,
): { events: RunEvent[]; truncatedTail: boolean } {
  const lines = text.split('\n');
  const tail = lines.pop() ?? '';
  const events = lines.map((line, index) =>
    parseRunDocument(runEventSchema, line, { path, line: index + 1, what: 'run event' }),
  );
  return { events, truncatedTail: tail.length > 0 };
}

/** Reads and validates `events.jsonl` (missing file: no events). */
export async function readEvents(
  directory: string,
): Promise<{ events: RunEvent[]; truncatedTail: boolean }> {
  const path = join(directory, runFiles.events);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { events: [], truncatedTail: false };
    throw error;
  }
  return parseEvents(text, path);
}

/** Reads `final.json`, or undefined when the run has not ended. */
export async function readFinal(directory: string): Promise<RunFinal | undefined> {
  const path = join(directory, runFiles.final);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseRunDocument(finalSchema, text, { path, what: 'final.json' });
}

/** Checkpoint file names of a run directory, oldest first. */
export async function listCheckpoints(directory: string): Promise<string[]> {
  try {
    const names = await readdir(join(directory, runFiles.checkpoints));
    return names.filter((name) => /^step-\d+\.json$/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Reads and validates one checkpoint file. */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  return parseRunDocument(checkpointSchema, await readText(path, 'checkpoint'), {
    path,
    what: 'checkpoint',
  });
}

/** The newest checkpoint of a run directory, or undefined when it has none. */
export async function readLatestCheckpoint(directory: string): Promise<Checkpoint | undefined> {
  const names = await listCheckpoints(directory);
  const latest = names.at(-1);
  return latest === undefined
    ? undefined
    : readCheckpoint(join(directory, runFiles.checkpoints, latest));
}

/**
 * Reads a whole run directory: manifest, events, final result and checkpoint list, each validated.
 * Throws a `TrainerError` naming the file (and line) at fault, or `NEWER_FORMAT` for a run written by
 * a newer version of this package.
 *
 * @example
 * const run = await readRunDirectory('runs/bbh/trace/seed-0');
 * const steps = run.events.filter((event) => event.type === 'step');
 */
export async function readRunDirectory(directory: string): Promise<RunDirectoryContents> {
  const manifest = await readManifest(directory);
  const { events, truncatedTail } = await readEvents(directory);
  return {
    directory,
    manifest,
    events,
    truncatedTail,
    final: await readFinal(directory),
    checkpoints: await listCheckpoints(directory),
  };
}

/**
 * Finds every run directory under `folder` (itself included): the folders holding a `manifest.json`.
 * A collection of runs (e.g. a bench run: one run directory per unit) is any folder of them.
 */
export async function findRunDirectories(folder: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    if (entries.some((entry) => entry.isFile() && entry.name === runFiles.manifest)) {
      found.push(directory);
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && entry.name !== 'node_modules') {
        await visit(join(directory, entry.name));
      }
    }
  };
  if (!(await stat(folder)).isDirectory()) {
    throw new TrainerError('RUN_DIRECTORY', `${folder} is not a folder.`, { path: folder });
  }
  await visit(folder);
  return found.sort();
}
