import { AbortedError } from '../errors/aborted-error.js';
import { APICallError } from '../errors/api-call-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { LLMError } from '../errors/llm-error.js';
import { RetriesExhaustedError } from '../errors/retries-exhausted-error.js';
import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { endSentence } from '../internal/end-sentence.js';
import { type Clock, systemClock } from '../spec/clock.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';

/** One scheduled retry, as passed to `onRetry`. */
export interface RetryEvent {
  /** The attempt that failed, starting at 1. */
  readonly attempt: number;
  /** Its error. */
  readonly error: unknown;
  /** How long we wait before the next attempt, in milliseconds. */
  readonly delayMs: number;
}

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Retries after the first attempt; default 4 (so at most 5 attempts). */
  readonly maxRetries?: number;
  /** Backoff before the first retry, in milliseconds; default 1000. */
  readonly initialDelayMs?: number;
  /** Growth of the backoff per retry; default 2. */
  readonly backoffFactor?: number;
  /** Cap on one backoff, in milliseconds; default 30 000. */
  readonly maxDelayMs?: number;
  /** Random spread of each backoff, as a fraction: 0.25 waits between 75% and 125%; default 0.25. */
  readonly jitter?: number;
  /** A server's `Retry-After` longer than this (ms) ends the retries at once; default 120 000. */
  readonly maxRetryAfterMs?: number;
  /** Which errors to retry; default: those whose `isRetryable` is true. */
  readonly shouldRetry?: (error: unknown) => boolean;
  /** Called before each wait (for logs and progress displays). */
  readonly onRetry?: (event: RetryEvent) => void;
  /** Time source for the waits; default the real clock. */
  readonly clock?: Clock;
  /** Random numbers in [0, 1) for the jitter; default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Sends a failed call again with exponential backoff and jitter when the error is retryable: HTTP 408,
 * 409, 429, 5xx, Anthropic's 529 overload, timeouts, dropped connections and unreadable bodies. Never
 * 400, 401, 403, 404 or 422. A server's `Retry-After` is waited exactly (no jitter). Waits stop at
 * once when the request's signal aborts. A non-retryable error is rethrown as is; when retries run
 * out the call fails with a `RetriesExhaustedError` holding every attempt's error.
 *
 * @example
 * ```ts
 * const model = withRetry(createOpenAI({ model: 'gpt-4o-mini' }), { maxRetries: 3 });
 * ```
 */
export function withRetry(model: LanguageModel, options: RetryOptions = {}): LanguageModel {
  checkOptions('withRetry', options, retryOptionNames);
  checkNumber('maxRetries', options.maxRetries, { integer: true, min: 0 });
  checkNumber('initialDelayMs', options.initialDelayMs, { min: 0 });
  checkNumber('backoffFactor', options.backoffFactor, { min: 1 });
  checkNumber('maxDelayMs', options.maxDelayMs, { min: 0 });
  checkNumber('jitter', options.jitter, { min: 0, max: 1 });
  checkNumber('maxRetryAfterMs', options.maxRetryAfterMs, { min: 0, infinite: true });
  const maxRetries = options.maxRetries ?? 4;
  const initialDelayMs = options.initialDelayMs ?? 1000;
  const backoffFactor = options.backoffFactor ?? 2;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const jitter = options.jitter ?? 0.25;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const shouldRetry = options.shouldRetry ?? isRetryable;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;

  const backoff = (retry: number): number => {
    const base = Math.min(maxDelayMs, initialDelayMs * backoffFactor ** (retry - 1));
    return Math.max(0, Math.round(base * (1 + jitter * (2 * random() - 1))));
  };

  return {
    provider: model.provider,
    modelId: model.modelId,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      const errors: unknown[] = [];
      for (let attempt = 1; ; attempt += 1) {
        throwIfAborted(request.signal);
        try {
          return await model.doComplete(request);
        } catch (error) {
          if (request.signal?.aborted && !AbortedError.isInstance(error)) {
            throw new AbortedError({ cause: error });
          }
          errors.push(error);
          if (!shouldRetry(error)) throw error;
          if (attempt > maxRetries) {
            throw new RetriesExhaustedError({
              message: `Gave up after ${attempt} attempts; the last failed with: ${endSentence(describe(error))} Raise maxRetries, slow down (withLimits), or check the provider's status.`,
              attempts: attempt,
              errors,
            });
          }
          const retryAfterMs = APICallError.isInstance(error) ? error.retryAfterMs : undefined;
          if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfterMs) {
            throw new RetriesExhaustedError({
              message: `The server asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying, more than maxRetryAfterMs (${maxRetryAfterMs} ms); gave up after ${attempt} attempt(s). Last error: ${endSentence(describe(error))}`,
              attempts: attempt,
              errors,
            });
          }
          const delayMs = retryAfterMs ?? backoff(attempt);
          options.onRetry?.({ attempt, error, delayMs });
          await clock.sleep(delayMs, request.signal);
        }
      }
    },
  };
}

const retryOptionNames = [
  'maxRetries',
  'initialDelayMs',
  'backoffFactor',
  'maxDelayMs',
  'jitter',
  'maxRetryAfterMs',
  'shouldRetry',
  'onRetry',
  'clock',
  'random',
];

function checkNumber(
  name: string,
  value: unknown,
  rule: { integer?: boolean; min: number; max?: number; infinite?: boolean },
): void {
  if (value === undefined) return;
  if (rule.infinite && value === Number.POSITIVE_INFINITY) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= rule.min &&
    (rule.max === undefined || value <= rule.max) &&
    (!rule.integer || Number.isInteger(value));
  if (!ok) {
    throw new ConfigurationError({
      message: `withRetry: ${name} must be ${rule.integer ? 'an integer' : 'a number'} >= ${rule.min}${rule.max === undefined ? '' : ` and <= ${rule.max}`}${rule.infinite ? ' (or Infinity)' : ''}; got ${typeof value === 'number' ? value : JSON.stringify(value)}.`,
    });
  }
}

function isRetryable(error: unknown): boolean {
  return LLMError.isInstance(error) && error.isRetryable;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
