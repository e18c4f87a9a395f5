import type { SuggestionStepRecord } from '../suggestions/index.js';
import { OptimizerError } from './optimizer-error.js';
import { endSentence } from './sentence.js';

const marker = Symbol.for('@trace/optimizer-kit.ModelCallError');

/**
 * The model call of a step failed (network, provider, budget, abort). Nothing changed: no parameter,
 * no memory/history entry, no step count, so calling `step()` (or `propose()`) again retries the same
 * step. `step()` emits the record (status `model-error`) first; `record` holds it in any case.
 * `isRetryable` follows the cause.
 */
export class ModelCallError extends OptimizerError {
  readonly [marker] = true;
  /** The step that failed. */
  readonly step: number;
  /** The record of the failed step (status `model-error`, with the attempts made before the failure). */
  readonly record: SuggestionStepRecord | undefined;

  constructor(step: number, cause: unknown, record?: SuggestionStepRecord) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const retryable =
      typeof cause === 'object' &&
      cause !== null &&
      (cause as { isRetryable?: unknown }).isRetryable === true;
    super(
      'MODEL_CALL',
      `Step ${step} could not ask the model, so no parameter changed: ${endSentence(message)} ${retryable ? 'Call step() again later to retry it.' : 'Check the model configuration (key, model name, budget), then call step() again.'}`,
      { cause, isRetryable: retryable },
    );
    this.name = 'ModelCallError';
    this.step = step;
    this.record = record;
  }

  /** True for a ModelCallError from any copy of this package. */
  static override isInstance(error: unknown): error is ModelCallError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
