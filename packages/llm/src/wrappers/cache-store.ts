import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError } from '../errors/storage-error.js';
import { writeFileAtomic } from '../internal/atomic-write.js';
import { endSentence } from '../internal/end-sentence.js';
import type { RequestIdentity } from '../internal/request-key.js';
import type { CompletionResponse } from '../spec/language-model.js';

/** Where `withCache` keeps responses, by request key (a SHA-256 hex string). */
export interface CacheStore {
  /** The stored response for `key`, or undefined. */
  get(key: string): Promise<CompletionResponse | undefined>;
  /** Stores `response` under `key`; `identity` is the request it answers (kept for inspection). */
  set(key: string, response: CompletionResponse, identity: RequestIdentity): Promise<void>;
}

/** A cache that lives as long as the process (or the object). */
export function createMemoryCache(): CacheStore {
  const entries = new Map<string, CompletionResponse>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, response) => {
      entries.set(key, response);
    },
  };
}

interface StoredEntry {
  readonly format: 'trace-llm-cache';
  readonly version: 1;
  readonly key: string;
  readonly identity: RequestIdentity;
  readonly response: CompletionResponse;
}

/**
 * A cache on disk: one JSON file per request at `<directory>/<key[0..1]>/<key>.json`, holding the
 * request and its response. Writes are atomic (temporary file + rename), so concurrent writers, in this
 * process or others, never leave a torn file: a reader sees no entry or a whole one. A file that does
 * not parse is treated as a miss and overwritten. The directory is created at once, so a path that
 * cannot be written fails here rather than on the first call.
 *
 * @example
 * ```ts
 * const model = withCache(base, { store: createDiskCache('.cache/llm') });
 * ```
 */
export function createDiskCache(directory: string): CacheStore {
  try {
    mkdirSync(directory, { recursive: true });
  } catch (error) {
    throw new StorageError({
      path: directory,
      message: `Cannot create the cache directory ${directory}: ${endSentence((error as Error).message)} Choose a writable directory.`,
      cause: error,
    });
  }
  const pathOf = (key: string) => join(directory, key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      const path = pathOf(key);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new StorageError({
          path,
          message: `Cannot read the cache file ${path}: ${endSentence((error as Error).message)}`,
          cause: error,
        });
      }
      try {
        const entry = JSON.parse(text) as StoredEntry;
        return entry.key === key && typeof entry.response?.text === 'string'
          ? entry.response
          : undefined;
      } catch {
        return undefined;
      }
    },
    async set(key, response, identity) {
      const path = pathOf(key);
      const entry: StoredEntry = { format: 'trace-llm-cache', version: 1, key, identity, response };
      try {
        await writeFileAtomic(path, `${JSON.stringify(entry, null, 2)}\n`);
      } catch (error) {
        throw new StorageError({
          path,
          message: `Cannot write the cache file ${path}: ${endSentence((error as Error).message)} Check free space and permissions of ${directory}.`,
          cause: error,
        });
      }
    },
  };
}
