/** What a guide says about one output: a score (higher is better) and the feedback for the optimizer. */
export interface Judgement {
  /** Higher is better; a finite number. */
  readonly score: number;
  /**
   * What backward sends to the parameters: text for LLM optimizers, a number (the gradient of the
   * loss with respect to the output) for SGD/Adam.
   */
  readonly feedback: unknown;
}

/** What a guide may use besides the example and the output. */
export interface GuideContext {
  /** Aborts a guide that waits on a model. */
  readonly signal?: AbortSignal;
}

/**
 * Turns an example and the workflow's output (the plain value, not the node) into a
 * {@link Judgement}. A plain function; write your own or use a ready-made one.
 *
 * @example
 * const guide: Guide<{ question: string; answer: string }, string> = (example, output) =>
 *   output === example.answer
 *     ? { score: 1, feedback: 'Correct.' }
 *     : { score: 0, feedback: `Expected ${example.answer}.` };
 */
export type Guide<Example, Output> = (
  example: Example,
  output: Output,
  context: GuideContext,
) => Judgement | Promise<Judgement>;

/** An example with an expected answer, as the ready-made guides read it. */
export interface Targeted<Target> {
  /** The expected answer. */
  readonly target: Target;
}

/** Shows a value in feedback text: strings quoted, others as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
