import { LLMError } from './llm-error.js';

const marker = Symbol.for('@trace/llm.APICallError');

/** HTTP statuses worth sending again: timeouts, conflicts, rate limits, server errors, overload. */
const retryableStatuses = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

/** True for the HTTP statuses `APICallError` marks retryable: 408, 409, 429, 5xx and 529. */
export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status) || status >= 500;
}

/**
 * The provider answered with an HTTP error status. Retryable for 408, 409, 429, 5xx and Anthropic's
 * 529 overload; never for 400, 401, 403, 404 or 422. `retryAfterMs` carries the server's
 * `Retry-After` (or `retry-after-ms`) hint when it sent one.
 */
export class APICallError extends LLMError {
  readonly [marker] = true;
  /** HTTP status code. */
  readonly status: number;
  /** Milliseconds the server asked us to wait before retrying, when it said. */
  readonly retryAfterMs: number | undefined;
  /** Provider name (`openai`, `anthropic`, ...). */
  readonly provider: string;
  /** The provider's error type from the body, e.g. `rate_limit_error`, `overloaded_error`. */
  readonly errorType: string | undefined;

  constructor(options: {
    status: number;
    provider: string;
    message: string;
    retryAfterMs?: number;
    errorType?: string;
    cause?: unknown;
  }) {
    super('API_CALL', options.message, {
      cause: options.cause,
      isRetryable: isRetryableStatus(options.status),
    });
    this.name = 'APICallError';
    this.status = options.status;
    this.provider = options.provider;
    this.retryAfterMs = options.retryAfterMs;
    this.errorType = options.errorType;
  }

  /** True for an APICallError from any copy of this package. */
  static override isInstance(error: unknown): error is APICallError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
