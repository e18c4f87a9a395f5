import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { endSentence } from '@trace/core';
import { BbhError } from './bbh-error.js';
import { parseBbhTaskFile } from './parse-task-file.js';
import { BBH_TASK_FILES, bbhTaskOfFile } from './tasks.js';

/** Where the official files live (the BIG-Bench Hard repository, MIT licence). */
export const BBH_OFFICIAL_BASE_URL =
  'https://raw.githubusercontent.com/suzgunmirac/BIG-Bench-Hard/main';

/** Options of {@link downloadBbhData}. */
export interface DownloadBbhDataOptions {
  /** Folder to write `<file>.json` and `LICENSE` into (created if missing). */
  readonly directory: string;
  /** Files to fetch (default: all 27). */
  readonly files?: readonly string[];
  /** Repository root URL (default {@link BBH_OFFICIAL_BASE_URL}); data is under `bbh/`. */
  readonly baseUrl?: string;
  /** The fetch to use (default: the global one). Tests pass a fake. */
  readonly fetch?: typeof globalThis.fetch;
  /** Per-request time limit in milliseconds (default 30000). */
  readonly timeoutMs?: number;
  /** Download files that already exist (default false: keep them). */
  readonly overwrite?: boolean;
}

/** What a download did. */
export interface DownloadBbhDataResult {
  /** Files written (names as on disk). */
  readonly written: readonly string[];
  /** Files kept because they already existed. */
  readonly skipped: readonly string[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function fetchText(
  url: string,
  fetchFunction: typeof globalThis.fetch,
  timeoutMs: number,
): Promise<string> {
  let response: Response;
  try {
    response = await fetchFunction(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new BbhError(
      'DOWNLOAD_FAILED',
      `Could not fetch ${url}: ${endSentence((error as Error).message)} Check the network, or copy the files ` +
        'from the BIG-Bench-Hard repository by hand.',
      { cause: error, isRetryable: true },
    );
  }
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    throw new BbhError(
      'DOWNLOAD_FAILED',
      `Fetching ${url} answered HTTP ${response.status}. ` +
        (retryable ? 'Try again later.' : 'Check baseUrl and the file names.'),
      { isRetryable: retryable },
    );
  }
  return response.text();
}

/** Writes through a temporary file and a rename, so a failed download never leaves half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/**
 * Fetches the official BBH data files and their LICENSE into `directory`, checking each file's
 * format before writing it. Existing files are kept unless `overwrite` is set. Needs a network; fails
 * with a retryable `BbhError` (code `DOWNLOAD_FAILED`) when there is none.
 *
 * @example
 * await downloadBbhData({ directory: './data/bbh' });
 * const data = await loadBbhTask('./data/bbh', 'navigate');
 */
export async function downloadBbhData(
  options: DownloadBbhDataOptions,
): Promise<DownloadBbhDataResult> {
  const files = options.files ?? BBH_TASK_FILES;
  // Fail on an unknown name before any request is made.
  for (const file of files) bbhTaskOfFile(file);
  const fetchFunction = options.fetch ?? globalThis.fetch;
  if (typeof fetchFunction !== 'function') {
    throw new BbhError('INVALID_OPTIONS', 'No fetch is available: pass options.fetch.');
  }
  const baseUrl = (options.baseUrl ?? BBH_OFFICIAL_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 30_000;
  await mkdir(options.directory, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  const targets = [
    ...files.map((file) => {
      const name = file.endsWith('.json') ? file.slice(0, -'.json'.length) : file;
      return { name: `${name}.json`, url: `${baseUrl}/bbh/${name}.json`, check: true };
    }),
    { name: 'LICENSE', url: `${baseUrl}/LICENSE`, check: false },
  ];
  for (const target of targets) {
    const path = join(options.directory, target.name);
    if (!options.overwrite && (await exists(path))) {
      skipped.push(target.name);
      continue;
    }
    const text = await fetchText(target.url, fetchFunction, timeoutMs);
    if (target.check) parseBbhTaskFile(text, target.url);
    await writeAtomically(path, text);
    written.push(target.name);
  }
  return { written, skipped };
}
