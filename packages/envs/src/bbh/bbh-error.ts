/** Closed set of reasons a Big-Bench Hard call can fail. */
export type BbhErrorCode =
  | 'FILE_NOT_FOUND'
  | 'INVALID_FORMAT'
  | 'UNKNOWN_TASK'
  | 'INVALID_OPTIONS'
  | 'DOWNLOAD_FAILED'
  | 'MODEL_FAILED'
  | 'ABORTED';

const marker = Symbol.for('@trace/envs.BbhError');

/** An error from the Big-Bench Hard environment; the message says what to do about it. */
export class BbhError extends Error {
  readonly [marker] = true;
  /** Which kind of failure this is. */
  readonly code: BbhErrorCode;
  /** True when trying again may succeed (a network or server failure, or a failed model call). */
  readonly isRetryable: boolean;

  constructor(
    code: BbhErrorCode,
    message: string,
    options?: { cause?: unknown; isRetryable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BbhError';
    this.code = code;
    this.isRetryable = options?.isRetryable ?? false;
  }

  /** True for a BbhError from any copy of this package. */
  static isInstance(error: unknown): error is BbhError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
