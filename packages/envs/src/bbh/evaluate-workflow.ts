import { runPool } from '../internal/run-pool.js';
import { bbhAbortedError, checkBbhSignal } from './abort.js';
import { BbhError } from './bbh-error.js';
import { isBbhAnswerCorrect } from './metric.js';
import type { BbhExample } from './parse-task-file.js';

/**
 * Something that answers a question without tracing, e.g. `BbhWorkflow#answer`. The signal fires
 * when the evaluation stops early (a model failure elsewhere, or the caller's abort); an answer
 * function that can cancel its model call should pass it on.
 */
export type BbhAnswerFunction = (question: string, signal: AbortSignal) => Promise<unknown>;

/** Options of {@link evaluateBbhWorkflow}. */
export interface EvaluateBbhWorkflowOptions {
  /** Questions in flight at once (default 1). */
  readonly concurrency?: number;
  /** Stops the evaluation: no question is asked after it fires, and the call rejects (`ABORTED`). */
  readonly signal?: AbortSignal;
}

/** The result of scoring a workflow on a set of examples. */
export interface BbhEvaluation {
  /** Correct answers. */
  readonly correct: number;
  /** Examples scored. */
  readonly total: number;
  /** correct / total (0 for no examples). */
  readonly accuracy: number;
  /** Per example, in order: the prediction (undefined after an error), correctness, error text. */
  readonly results: readonly {
    readonly prediction: unknown;
    readonly correct: boolean;
    readonly error?: string;
  }[];
}

/**
 * Scores `answer` on `examples` with the paper's metric. An error in the workflow's own code counts
 * as a wrong answer (its message is kept); a model failure (`BbhError` `MODEL_FAILED`) stops the
 * evaluation and is thrown, since it says nothing about the workflow. Up to `concurrency` questions
 * are in flight at once (default 1). On the first model failure, or when `signal` fires, no further
 * question is asked, the signal given to the questions in flight fires, and the call rejects at once
 * (with the model failure, or a `BbhError` `ABORTED`); answers still arriving are dropped.
 *
 * @example
 * const { accuracy } = await evaluateBbhWorkflow((q) => workflow.answer(q), splits.test);
 */
export async function evaluateBbhWorkflow(
  answer: BbhAnswerFunction,
  examples: readonly BbhExample[],
  options?: EvaluateBbhWorkflowOptions,
): Promise<BbhEvaluation> {
  const concurrency = options?.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new BbhError(
      'INVALID_OPTIONS',
      `concurrency must be a positive integer; got ${String(concurrency)}.`,
    );
  }
  const signal = checkBbhSignal(options?.signal);
  const results = await runPool(
    examples,
    async (example, _index, stopped): Promise<BbhEvaluation['results'][number]> => {
      try {
        const prediction = await answer(example.input, stopped);
        return { prediction, correct: isBbhAnswerCorrect(prediction, example.target) };
      } catch (error) {
        if (BbhError.isInstance(error) && error.code === 'MODEL_FAILED') throw error;
        return {
          prediction: undefined,
          correct: false,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    },
    { concurrency, signal, abortError: bbhAbortedError },
  );
  const correct = results.filter((result) => result.correct).length;
  return {
    correct,
    total: examples.length,
    accuracy: examples.length === 0 ? 0 : correct / examples.length,
    results,
  };
}
