import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPool } from '../internal/run-pool.js';
import { bbhAbortedError, checkBbhSignal } from './abort.js';
import { BbhError } from './bbh-error.js';
import { type BbhExample, parseBbhTaskFile } from './parse-task-file.js';
import { BBH_TASK_FILES, type BbhCategory, bbhTaskOfFile } from './tasks.js';

/** The examples of one BBH data file, with the task it belongs to. */
export interface BbhTaskData {
  /** Data file name without `.json`, e.g. "logical_deduction_five_objects". */
  readonly file: string;
  /** The task it counts toward, e.g. "logical_deduction". */
  readonly task: string;
  /** The task's family in the BBH paper. */
  readonly category: BbhCategory;
  /** The examples in file order (the order the splits use). */
  readonly examples: readonly BbhExample[];
  /** The file's canary string, if present. */
  readonly canary: string | undefined;
}

/**
 * Loads one BBH data file from `directory` (which holds `<file>.json` files as in the official
 * repository's `bbh/` folder). `file` may be given with or without `.json`.
 *
 * @example
 * const data = await loadBbhTask('/data/bbh', 'boolean_expressions');
 * data.examples[0]; // { input: 'not ( True ) and ( True ) is', target: 'False' }
 */
export async function loadBbhTask(
  directory: string,
  file: string,
  options?: {
    /** Stops the read; the call rejects with a `BbhError` `ABORTED`. */
    readonly signal?: AbortSignal;
  },
): Promise<BbhTaskData> {
  const task = bbhTaskOfFile(file);
  const signal = checkBbhSignal(options?.signal);
  const name = file.endsWith('.json') ? file.slice(0, -'.json'.length) : file;
  const path = join(directory, `${name}.json`);
  let text: string;
  try {
    text = await readFile(path, { encoding: 'utf8', ...(signal === undefined ? {} : { signal }) });
  } catch (error) {
    if (signal?.aborted) throw bbhAbortedError(signal.reason);
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BbhError(
      missing ? 'FILE_NOT_FOUND' : 'INVALID_FORMAT',
      missing
        ? `${path} does not exist. Point the loader at a folder with the BBH files, or fetch them ` +
            'with downloadBbhData({ directory }).'
        : `${path} could not be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const parsed = parseBbhTaskFile(text, path);
  return Object.freeze({
    file: name,
    task: task.name,
    category: task.category,
    examples: parsed.examples,
    canary: parsed.canary,
  });
}

/**
 * Loads several BBH data files (default: all 27) from `directory`, in task order. The first file
 * that fails stops the others (their reads are cancelled) and its error is thrown.
 */
export async function loadBbhTasks(
  directory: string,
  options?: {
    /** File names to load (default: every BBH file). */
    readonly files?: readonly string[];
    /** Stops the reads; the call rejects with a `BbhError` `ABORTED`. */
    readonly signal?: AbortSignal;
  },
): Promise<BbhTaskData[]> {
  const files = options?.files ?? BBH_TASK_FILES;
  // Check every name before reading anything.
  for (const file of files) bbhTaskOfFile(file);
  return runPool(files, (file, _index, signal) => loadBbhTask(directory, file, { signal }), {
    concurrency: 8,
    signal: checkBbhSignal(options?.signal),
    abortError: bbhAbortedError,
  });
}
