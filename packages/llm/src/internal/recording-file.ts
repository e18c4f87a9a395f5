import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StorageError } from '../errors/storage-error.js';
import type { CompletionResponse } from '../spec/language-model.js';
import { writeFileAtomic } from './atomic-write.js';
import { endSentence } from './end-sentence.js';
import type { RequestIdentity } from './request-key.js';

/** One recorded exchange. */
export interface RecordingEntry extends RequestIdentity {
  /** `requestKey` of the identity. */
  readonly key: string;
  readonly response: CompletionResponse;
}

const entrySchema = z.object({
  key: z.string(),
  provider: z.string(),
  modelId: z.string(),
  request: z.object({
    messages: z.array(z.object({ role: z.string(), content: z.string() })),
    system: z.string().optional(),
    maxTokens: z.number().optional(),
    temperature: z.number().optional(),
    json: z.literal(true).optional(),
    stop: z.array(z.string()).optional(),
  }),
  response: z.object({
    text: z.string(),
    usage: z.object({
      inputTokens: z.number(),
      outputTokens: z.number(),
      estimated: z.literal(true).optional(),
    }),
    modelId: z.string(),
    finishReason: z.enum(['stop', 'length', 'content-filter', 'tool-calls', 'other']),
    latencyMs: z.number(),
    refusal: z.string().optional(),
  }),
});

const fileSchema = z.object({
  format: z.literal('trace-llm-recording'),
  version: z.literal(1),
  entries: z.array(entrySchema),
});

/** Parses a recording's text, or throws a `StorageError` saying what is wrong with it. */
export function parseRecording(path: string, text: string): RecordingEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StorageError({
      path,
      message: `The recording ${path} is not valid JSON (${(error as Error).message}). Record it again.`,
      cause: error,
    });
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new StorageError({
      path,
      message: `The file ${path} is not a trace-llm recording (at ${issue?.path.join('.') || 'the top'}: ${issue?.message}). Record it again with withRecording.`,
      cause: result.error,
    });
  }
  return result.data.entries as RecordingEntry[];
}

/** Reads a recording synchronously (replay loads it once, up front). */
export function readRecordingSync(path: string): RecordingEntry[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new StorageError({
      path,
      message: `Cannot read the recording ${path}: ${endSentence((error as Error).message)} Record a run first with withRecording(model, { file: '${path}' }).`,
      cause: error,
    });
  }
  return parseRecording(path, text);
}

/**
 * Serializes a recording from entries already serialized one per line: valid JSON that diffs well,
 * and cheap to extend since earlier entries are not serialized again.
 */
export function formatRecording(entryLines: readonly string[]): string {
  return `{"format": "trace-llm-recording", "version": 1, "entries": [\n${entryLines.join(',\n')}\n]}\n`;
}

const lockStaleMs = 30_000;
const lockGiveUpMs = 60_000;

/**
 * Runs `work` holding `<path>.lock` (a directory: creating one is atomic), so that writers in other
 * processes take turns. A lock older than 30 s is taken to be left by a crashed writer and broken.
 */
export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(path), { recursive: true });
  const started = Date.now();
  for (let wait = 2; ; wait = Math.min(50, wait * 2)) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StorageError({
          path: lock,
          message: `Cannot create the lock ${lock}: ${endSentence((error as Error).message)} Check permissions.`,
          cause: error,
        });
      }
      const age = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > lockStaleMs) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > lockGiveUpMs) {
        throw new StorageError({
          path: lock,
          message: `Waited ${lockGiveUpMs / 1000} s for the lock ${lock}. If no other process is recording to ${path}, delete the lock directory.`,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/**
 * Appends entries to one recording file. Each append takes the lock, writes the whole file atomically
 * (temporary file + rename) and remembers what it wrote; the file is read and parsed again only when
 * its inode, size or modification time show that someone else wrote it since. So a run that appends n
 * entries serializes each entry once, and only copies bytes on each write.
 */
export class RecordingAppender {
  private lines: string[] = [];
  private written: { ino: number; size: number; mtimeMs: number } | undefined;

  constructor(private readonly path: string) {}

  /** Adds `entries` at the end of the file. */
  async append(entries: readonly RecordingEntry[]): Promise<void> {
    const { path } = this;
    await withFileLock(path, async () => {
      const current = await stat(path).then(
        (info) => ({ ino: info.ino, size: info.size, mtimeMs: info.mtimeMs }),
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return undefined;
          throw new StorageError({
            path,
            message: `Cannot read the recording ${path}: ${endSentence(error.message)}`,
            cause: error,
          });
        },
      );
      if (current === undefined) {
        this.lines = [];
      } else if (
        this.written === undefined ||
        current.ino !== this.written.ino ||
        current.size !== this.written.size ||
        current.mtimeMs !== this.written.mtimeMs
      ) {
        // Written by someone else (or never by us): read it. A file that is not a recording is
        // refused (parseRecording throws) rather than overwritten.
        const text = await readFile(path, 'utf8');
        this.lines = parseRecording(path, text).map((entry) => JSON.stringify(entry));
      }
      const lines = [...this.lines, ...entries.map((entry) => JSON.stringify(entry))];
      try {
        await writeFileAtomic(path, formatRecording(lines));
        const info = await stat(path);
        this.lines = lines;
        this.written = { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs };
      } catch (error) {
        throw new StorageError({
          path,
          message: `Cannot write the recording ${path}: ${endSentence((error as Error).message)} Check free space and permissions.`,
          cause: error,
        });
      }
    });
  }
}
