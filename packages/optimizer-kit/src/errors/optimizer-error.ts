/** Closed set of error codes raised by the LLM optimizers built on @trace/optimizer-kit. */
export type OptimizerErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_PROPOSAL'
  | 'MODEL_CALL'
  | 'STEP_IN_PROGRESS';

const marker = Symbol.for('@trace/optimizer-kit.OptimizerError');

/**
 * Base class of every error thrown by the suggestion optimizers (OptoPrime, OPRO, and custom ones on
 * `SuggestionOptimizer`). `code` tells errors apart; `cause` is kept.
 */
export class OptimizerError extends Error {
  readonly [marker] = true;
  /** Which kind of error this is. */
  readonly code: OptimizerErrorCode;
  /** True when trying the same thing again later may succeed. */
  readonly isRetryable: boolean;

  constructor(
    code: OptimizerErrorCode,
    message: string,
    options?: { cause?: unknown; isRetryable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OptimizerError';
    this.code = code;
    this.isRetryable = options?.isRetryable ?? false;
  }

  /** True for an OptimizerError from any copy of this package. */
  static isInstance(error: unknown): error is OptimizerError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
