const marker = Symbol.for('@trace/trainer.TrainerError');

/** What kind of problem a {@link TrainerError} reports. */
export type TrainerErrorCode =
  | 'INVALID_OPTIONS'
  | 'EMPTY_DATASET'
  | 'BAD_EXAMPLE'
  | 'GUIDE_FAILED'
  | 'RUN_DIRECTORY'
  | 'NEWER_FORMAT'
  | 'CHECKPOINT';

/**
 * Base of every error thrown by @trace/trainer. `code` tells errors apart; `path` and `line` name the
 * file and line when a run directory is at fault.
 */
export class TrainerError extends Error {
  readonly [marker] = true;
  /** Which kind of problem. */
  readonly code: TrainerErrorCode;
  /** The file at fault, when there is one. */
  readonly path: string | undefined;
  /** The 1-based line of `path` at fault, when there is one. */
  readonly line: number | undefined;

  constructor(
    code: TrainerErrorCode,
    message: string,
    options: { path?: string; line?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrainerError';
    this.code = code;
    this.path = options.path;
    this.line = options.line;
  }

  /** True for a TrainerError from any copy of this package. */
  static isInstance(error: unknown): error is TrainerError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
