import { OptimizerError } from './optimizer-error.js';
import { endSentence } from './sentence.js';

const marker = Symbol.for('@trace/optimizer-kit.InvalidProposalError');

/**
 * `apply()` was given a proposal it cannot install: one made by another optimizer, one for
 * parameters this optimizer does not own, or a stale one (another proposal was applied, or a state
 * was loaded, after it was made). Nothing changed; call `propose()` again.
 */
export class InvalidProposalError extends OptimizerError {
  readonly [marker] = true;

  constructor(problem: string) {
    super(
      'INVALID_PROPOSAL',
      `This proposal cannot be applied: ${endSentence(problem)} Nothing changed.`,
    );
    this.name = 'InvalidProposalError';
  }

  /** True for an InvalidProposalError from any copy of this package. */
  static override isInstance(error: unknown): error is InvalidProposalError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
