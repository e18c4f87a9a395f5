import { OptimizerError } from './optimizer-error.js';
import { asClause } from './sentence.js';

const marker = Symbol.for('@trace/optimizer-kit.InvalidOptionsError');

/**
 * The optimizer was created with options it cannot use (or given a state it cannot load); the message
 * names the optimizer and lists every problem.
 */
export class InvalidOptionsError extends OptimizerError {
  readonly [marker] = true;
  /** Each problem found, one per option. */
  readonly problems: readonly string[];

  /** `optimizer` is the name the message starts with, e.g. `OptoPrime`. */
  constructor(problems: readonly string[], optimizer = 'The optimizer') {
    super('INVALID_OPTIONS', `${optimizer} cannot start: ${problems.map(asClause).join('; ')}.`);
    this.name = 'InvalidOptionsError';
    this.problems = problems;
  }

  /** True for an InvalidOptionsError from any copy of this package. */
  static override isInstance(error: unknown): error is InvalidOptionsError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
