import { rmSync } from 'node:fs';
import { ConfigurationError } from '../errors/configuration-error.js';
import { StorageError } from '../errors/storage-error.js';
import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { endSentence } from '../internal/end-sentence.js';
import { RecordingAppender, type RecordingEntry } from '../internal/recording-file.js';
import { canonicalRequest, requestKey } from '../internal/request-key.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';

/** Options of {@link withRecording}. */
export interface RecordingOptions {
  /** The recording file (JSON). */
  readonly file: string;
  /**
   * `append` (default) adds to an existing recording, so several processes may record into one file;
   * `overwrite` deletes the file when the wrapper is created.
   */
  readonly mode?: 'append' | 'overwrite';
}

/** A recording model; `flush()` waits until every finished call is on disk. */
export interface RecordingLanguageModel extends LanguageModel {
  /**
   * Resolves when every entry queued so far is written. Rejects (with the `StorageError`) when an
   * entry could not be written since the previous `flush()`, so a run that ends with `await
   * model.flush()` never mistakes a partial recording for a complete one.
   */
  flush(): Promise<void>;
}

/**
 * Records every successful exchange (provider, model id, canonical request, response) to a JSON file
 * that `withReplay` / `createReplayModel` serve later with no network. A call returns only after its
 * entry is on disk; when its entry cannot be written, the call rejects with a `StorageError` (every
 * call of a failed batch does, and so does the next `flush()`). Writes are batched, atomic (temporary file + rename) and taken in turns under a
 * lock file, so concurrent calls and concurrent processes recording into one file lose nothing.
 * Failed calls are not recorded.
 *
 * @example
 * ```ts
 * const model = withRecording(withRetry(createOpenAI({ model: 'gpt-4o-mini' })), { file: 'run.json' });
 * ```
 */
export function withRecording(
  model: LanguageModel,
  options: RecordingOptions,
): RecordingLanguageModel {
  checkOptions('withRecording', options, ['file', 'mode']);
  const { file } = options;
  if (typeof file !== 'string' || file === '') {
    throw new ConfigurationError({
      message: `withRecording: file must be the path of the recording, e.g. withRecording(model, { file: 'runs/run-1.llm.json' }); got ${JSON.stringify(file)}.`,
    });
  }
  if (options.mode !== undefined && options.mode !== 'append' && options.mode !== 'overwrite') {
    throw new ConfigurationError({
      message: `withRecording: mode must be 'append' or 'overwrite'; got ${JSON.stringify(options.mode)}.`,
    });
  }
  if (options.mode === 'overwrite') {
    try {
      rmSync(file, { force: true });
    } catch (error) {
      throw new StorageError({
        path: file,
        message: `Cannot delete the old recording ${file}: ${endSentence((error as Error).message)}`,
        cause: error,
      });
    }
  }
  const appender = new RecordingAppender(file);
  let pending: PendingEntry[] = [];
  let batchQueued = false;
  let writing: Promise<void> = Promise.resolve();
  /** A write failure not yet reported by `flush()`. */
  let unreported: unknown;

  /** Writes everything pending as one batch; each entry's caller learns the batch's outcome. */
  const writeBatch = async (): Promise<void> => {
    batchQueued = false;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      await appender.append(batch.map((item) => item.entry));
    } catch (error) {
      unreported ??= error;
      for (const item of batch) item.reject(error);
      return;
    }
    for (const item of batch) item.resolve();
  };

  /** Queues `entry`; resolves when it is on disk, rejects when its batch could not be written. */
  const record = (entry: RecordingEntry): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      pending.push({ entry, resolve, reject });
      if (!batchQueued) {
        batchQueued = true;
        writing = writing.then(writeBatch);
      }
    });

  return {
    provider: model.provider,
    modelId: model.modelId,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      throwIfAborted(request.signal);
      const response = await model.doComplete(request);
      const identity = {
        provider: model.provider,
        modelId: model.modelId,
        request: canonicalRequest(request),
      };
      const { cached: _cached, ...stored } = response;
      await record({ key: requestKey(identity), ...identity, response: stored });
      return response;
    },
    async flush() {
      await writing;
      if (unreported !== undefined) {
        const error = unreported;
        unreported = undefined;
        throw error;
      }
    },
  };
}

interface PendingEntry {
  readonly entry: RecordingEntry;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}
