import { AbortedError } from '../errors/aborted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { onAbort, throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { checkTimeoutMs } from '../internal/timeout-ms.js';
import { type Clock, systemClock } from '../spec/clock.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';

/** Options of {@link withTimeout}. */
export interface TimeoutOptions {
  /**
   * Deadline of each call through this wrapper, in milliseconds (at most 2^31 - 1); `Infinity` for
   * none.
   */
  readonly timeoutMs: number;
  /** Time source; default the real clock. */
  readonly clock?: Clock;
}

/**
 * Gives every call a deadline: when it passes, the inner call's signal is aborted and the call fails
 * with a retryable `TimeoutError`. Place it inside `withRetry` (and inside `withLimits`, so time spent
 * queueing does not count) to get a per-attempt timeout for any model, `MockLLM` included. Provider
 * models already have one (`timeoutMs` setting).
 *
 * @example
 * ```ts
 * const model = withRetry(withTimeout(base, { timeoutMs: 30_000 }));
 * ```
 */
export function withTimeout(model: LanguageModel, options: TimeoutOptions): LanguageModel {
  checkOptions('withTimeout', options, ['timeoutMs', 'clock']);
  const timeoutMs = checkTimeoutMs('withTimeout: timeoutMs', options.timeoutMs);
  const clock = options.clock ?? systemClock;
  return {
    provider: model.provider,
    modelId: model.modelId,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      throwIfAborted(request.signal);
      if (timeoutMs === Number.POSITIVE_INFINITY) return model.doComplete(request);
      const inner = new AbortController();
      const timer = new AbortController();
      const unsubscribe = onAbort(request.signal, () => inner.abort(request.signal?.reason));
      let timeout: TimeoutError | undefined;
      const deadline = clock.sleep(timeoutMs, timer.signal).then(
        () => {
          timeout = new TimeoutError({ timeoutMs });
          inner.abort(timeout);
          throw timeout;
        },
        () => new Promise<never>(() => {}),
      );
      try {
        return await Promise.race([
          model.doComplete({ ...request, signal: inner.signal }),
          deadline,
        ]);
      } catch (error) {
        if (timeout !== undefined) throw timeout;
        if (request.signal?.aborted && !AbortedError.isInstance(error)) {
          throw new AbortedError({ cause: error });
        }
        throw error;
      } finally {
        timer.abort();
        unsubscribe();
      }
    },
  };
}
