import { TrainerError } from '../errors.js';
import type { Guide, Targeted } from './guide.js';

/** Options of {@link numericTarget}. */
export interface NumericTargetOptions {
  /**
   * `text` (default): feedback in words for LLM optimizers. `gradient`: the derivative of
   * |output - target| with respect to the output (-1, 0 or 1), so SGD/Adam minimize the distance.
   */
  readonly feedback?: 'text' | 'gradient';
  /** Distance at or below which the output counts as on target (default 0). */
  readonly tolerance?: number;
}

/**
 * Scores a numeric output by its distance to the example's `target`: the score is
 * `-|output - target|` (0 is perfect), the feedback says which way to move. A non-numeric output
 * throws a `TrainerError`, which `evaluate`/`train` record as a failed example (score 0, the message
 * kept).
 *
 * @example
 * train({ ..., guide: numericTarget({ feedback: 'gradient' }), optimizer: new Adam(parameters) });
 */
export function numericTarget(
  options: NumericTargetOptions = {},
): Guide<Targeted<number>, unknown> {
  const tolerance = options.tolerance ?? 0;
  return (example, output) => {
    if (typeof output !== 'number' || Number.isNaN(output)) {
      throw new TrainerError(
        'GUIDE_FAILED',
        `numericTarget needs a number output; got ${String(output)} (${typeof output}). Make the workflow return a number.`,
      );
    }
    const difference = output - example.target;
    const distance = Math.abs(difference);
    if (options.feedback === 'gradient') {
      return { score: -distance, feedback: distance <= tolerance ? 0 : Math.sign(difference) };
    }
    if (distance <= tolerance)
      return { score: -distance, feedback: 'Correct: the output is on target.' };
    return {
      score: -distance,
      feedback: `The output ${output} is ${difference > 0 ? 'above' : 'below'} the target ${example.target} by ${distance}; ${difference > 0 ? 'decrease' : 'increase'} it.`,
    };
  };
}
