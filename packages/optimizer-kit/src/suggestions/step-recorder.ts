import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TraceError } from '@trace/core';
import { endSentence } from '../errors/sentence.js';
import { stringifyJsonSafe } from './json-safe.js';
import { LogTexts } from './log-texts.js';

/** Receives each step record. */
export type StepListener<StepRecord> = (record: StepRecord) => void;

/** Options of {@link StepRecorder}. */
export interface StepRecorderOptions<StepRecord> {
  /** A file to append each record to as one JSON line (directories are created). */
  readonly logPath?: string;
  /** A first listener. */
  readonly onStep?: StepListener<StepRecord>;
  /**
   * The form a record takes in the log (default: the record). It may replace long texts by
   * `texts.reference(text)`, so that paragraphs repeated from step to step (a system prompt, a
   * history) are written once; `readStepLog` puts them back.
   */
  readonly toLogLine?: (record: StepRecord, texts: LogTexts) => unknown;
}

/**
 * Delivers step records: appends each as one JSON line to the log, then calls the listeners in the
 * order they subscribed. A listener that throws makes `emit` reject after the record was logged.
 *
 * Each line lands whole or not at all, whatever its size: it is written with a single `write` of the
 * whole buffer on a descriptor opened with `O_APPEND` (Node's `appendFile` cuts data into 512 KiB
 * pieces, which other writers can slip between). So several recorders, in one process or several,
 * can share a log, and a crash never leaves half a line. Records of one recorder keep their order.
 *
 * @example
 * const recorder = new StepRecorder<MyRecord>({ logPath: 'runs/steps.jsonl' });
 * const stop = recorder.onStep((record) => console.log(record.step));
 * await recorder.emit(record);
 * stop();
 */
export class StepRecorder<StepRecord> {
  readonly #listeners = new Set<StepListener<StepRecord>>();
  readonly #logPath: string | undefined;
  readonly #toLogLine: ((record: StepRecord, texts: LogTexts) => unknown) | undefined;
  readonly #texts = new LogTexts();
  #pending: Promise<void> = Promise.resolve();

  constructor(options: StepRecorderOptions<StepRecord> = {}) {
    this.#logPath = options.logPath;
    this.#toLogLine = options.toLogLine;
    if (options.onStep !== undefined) this.#listeners.add(options.onStep);
  }

  /** Calls `listener` with every later record; returns a function that unsubscribes it. */
  onStep(listener: StepListener<StepRecord>): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Logs `record` (when a log path is set), then calls the listeners. */
  async emit(record: StepRecord): Promise<void> {
    const path = this.#logPath;
    if (path !== undefined) {
      const write = this.#pending.then(async () => {
        // Built in write order, so a paragraph is defined before (or with) the first record using it.
        const texts = this.#texts;
        const logged = this.#toLogLine === undefined ? record : this.#toLogLine(record, texts);
        const definitions = texts.take();
        const lines = [...definitions, logged].map((item) => `${stringifyJsonSafe(item)}\n`);
        try {
          await mkdir(dirname(path), { recursive: true });
          // Definitions and record in one write: both land, or neither.
          await appendWhole(path, Buffer.from(lines.join(''), 'utf8'));
          texts.written(definitions);
        } catch (error) {
          throw new TraceError(
            'PERSISTENCE',
            `Could not append the step record to ${path}: ${endSentence(error instanceof Error ? error.message : String(error))} Make the directory writable, or leave logPath unset.`,
            { cause: error },
          );
        }
      });
      this.#pending = write.catch(() => undefined);
      await write;
    }
    for (const listener of [...this.#listeners]) listener(record);
  }
}

/** Appends `buffer` with one write on an `O_APPEND` descriptor, so it cannot interleave with others. */
async function appendWhole(path: string, buffer: Buffer): Promise<void> {
  const handle = await open(path, 'a');
  try {
    const { bytesWritten } = await handle.write(buffer, 0, buffer.length);
    if (bytesWritten !== buffer.length) {
      throw new Error(
        `only ${bytesWritten} of ${buffer.length} bytes were written (is the disk full?)`,
      );
    }
  } finally {
    await handle.close();
  }
}
