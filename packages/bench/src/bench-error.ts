/** What went wrong in `@trace/bench`. */
export type BenchErrorCode =
  | 'UNKNOWN_EXPERIMENT'
  | 'UNKNOWN_METHOD'
  | 'NEEDS_MODEL'
  | 'RUN_DIRECTORY'
  | 'UNIT_FAILED'
  | 'INVALID_OPTIONS'
  | 'REFERENCE_MISMATCH';

/** An error of `@trace/bench`, with a closed `code` and a message that says what to do. */
export class BenchError extends Error {
  readonly code: BenchErrorCode;

  constructor(code: BenchErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
    this.code = code;
  }
}
