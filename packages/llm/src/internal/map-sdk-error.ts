import { AbortedError } from '../errors/aborted-error.js';
import { APICallError, isRetryableStatus } from '../errors/api-call-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { LLMError } from '../errors/llm-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { endSentence } from './end-sentence.js';
import { parseRetryAfter } from './retry-after.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes of one Stainless-generated SDK (openai and @anthropic-ai/sdk share the shape). */
export interface SdkErrorClasses {
  readonly apiError: ErrorClass;
  readonly userAbortError: ErrorClass;
  readonly connectionError: ErrorClass;
  readonly connectionTimeoutError: ErrorClass;
}

/** What the caller knows about the failed call. */
export interface FailedCall {
  readonly provider: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

const connectionCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * Translates whatever an SDK call threw into this package's typed errors, keeping the original as
 * `cause`: HTTP errors become `APICallError` (status, retryAfterMs, provider error type), dropped
 * connections `ConnectionError`, timeouts `TimeoutError`, the caller's abort `AbortedError`, and an
 * unparseable body `InvalidResponseError`. Anything unrecognized is returned unchanged.
 */
export function mapSdkError(error: unknown, classes: SdkErrorClasses, call: FailedCall): unknown {
  if (LLMError.isInstance(error)) return error;
  if (call.signal?.aborted) return new AbortedError({ cause: error });
  if (error instanceof classes.connectionTimeoutError) {
    return new TimeoutError({ timeoutMs: call.timeoutMs, cause: error });
  }
  if (error instanceof classes.userAbortError) return new AbortedError({ cause: error });
  if (error instanceof classes.connectionError) {
    return new ConnectionError({
      provider: call.provider,
      message: `Could not reach ${call.provider} (${describeCause(error)}). Check the base URL and the network; the call is retryable.`,
      cause: error,
    });
  }
  if (error instanceof classes.apiError) return toApiCallError(error, call.provider);
  if (error instanceof SyntaxError) {
    return new InvalidResponseError({
      message: `${call.provider} answered with a body that is not valid JSON (${error.message}). If this persists, check that the base URL points at the provider's API.`,
      cause: error,
    });
  }
  if (isDroppedConnection(error)) {
    return new ConnectionError({
      provider: call.provider,
      message: `The connection to ${call.provider} dropped while reading the response (${describeCause(error)}). The call is retryable.`,
      cause: error,
    });
  }
  return error;
}

function toApiCallError(error: Error, provider: string): APICallError {
  const fields = error as Error & {
    status?: number;
    headers?: { get(name: string): string | null };
    error?: unknown;
  };
  const status = typeof fields.status === 'number' ? fields.status : 0;
  const errorType = readErrorType(fields.error);
  const retryAfterMs = parseRetryAfter(fields.headers);
  return new APICallError({
    status,
    provider,
    message: `${provider} answered HTTP ${status}${errorType ? ` (${errorType})` : ''}: ${endSentence(error.message)} ${advice(status)}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(errorType === undefined ? {} : { errorType }),
    cause: error,
  });
}

/** What to do about an HTTP error; always consistent with whether the status is retryable. */
export function advice(status: number): string {
  if (status === 401 || status === 403) return 'Check the API key and its permissions.';
  if (status === 404) return 'Check the model name and the base URL.';
  if (status === 429) return 'Rate limited: retry later or lower the request rate (withLimits).';
  if (status === 408) return 'The server timed out waiting for the request; the call is retryable.';
  if (status === 409) return 'The server reported a conflict; the call is retryable.';
  if (status === 529) return 'The provider is overloaded; the call is retryable.';
  if (isRetryableStatus(status))
    return 'The provider failed or is overloaded; the call is retryable.';
  return 'Fix the request; it will not succeed if sent again unchanged.';
}

function readErrorType(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as { type?: unknown; error?: { type?: unknown }; code?: unknown };
  if (typeof record.error?.type === 'string') return record.error.type;
  if (typeof record.type === 'string' && record.type !== 'error') return record.type;
  if (typeof record.code === 'string') return record.code;
  return undefined;
}

function isDroppedConnection(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const record = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.code === 'string' && connectionCodes.has(record.code)) return true;
    if (record.message === 'terminated' || record.message === 'other side closed') return true;
    current = record.cause;
  }
  return false;
}

function describeCause(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const record = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof record.message === 'string' && record.message !== '') parts.push(record.message);
    if (typeof record.code === 'string') parts.push(record.code);
    current = record.cause;
  }
  return [...new Set(parts)].join(': ') || 'unknown cause';
}
