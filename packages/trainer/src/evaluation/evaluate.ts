import type { z } from 'zod';
import { TrainerError } from '../errors.js';
import type { Guide } from '../guides/guide.js';
import { checkDataset } from './check-dataset.js';
import { mapConcurrent } from './map-concurrent.js';
import { type ExampleResult, type PlainOutput, runExample, type Workflow } from './run-example.js';
import { meanAndStandardError } from './statistics.js';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Examples run at once (default 8). */
  readonly concurrency?: number;
  /** Score of an example whose workflow throws (default 0). Use a low number when scores are negative. */
  readonly failureScore?: number;
  /** Checks every example before anything runs; an example that does not fit is named in the error. */
  readonly exampleSchema?: z.ZodType;
  /** Stops starting examples; the call then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** Name of the dataset in errors (default `evaluation`). */
  readonly datasetName?: string;
}

/** What {@link evaluate} returns. */
export interface Evaluation<Output = unknown> {
  /** Mean score over all examples (failed ones at the failure score). */
  readonly mean: number;
  /** Standard error of the mean. */
  readonly standardError: number;
  /** Number of examples. */
  readonly count: number;
  /** Number of examples whose workflow threw. */
  readonly failed: number;
  /** One record per example, in dataset order. */
  readonly examples: readonly ExampleResult<Output>[];
}

/** Checks a concurrency option. */
export function checkConcurrency(value: number | undefined, fallback: number): number {
  const concurrency = value ?? fallback;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `concurrency must be a whole number >= 1; got ${String(value)}.`,
    );
  }
  return concurrency;
}

/**
 * Runs `workflow` on every example (each in its own `scope()`, at most `concurrency` at once), scores
 * each output with `guide`, and returns per-example records with the mean and its standard error. An
 * example whose workflow throws gets `failureScore` with the error kept; it never stops the
 * evaluation. A guide that throws or returns no `{ score, feedback }` is a `TrainerError` naming the
 * example.
 *
 * @example
 * const result = await evaluate((example) => agent.forward(example.question), test, exactMatch());
 * console.log(`${result.mean} ± ${result.standardError}`);
 */
export async function evaluate<Example, Output>(
  workflow: Workflow<Example, Output>,
  dataset: readonly Example[],
  guide: Guide<Example, PlainOutput<Output>>,
  options: EvaluateOptions = {},
): Promise<Evaluation<PlainOutput<Output>>> {
  const datasetName = options.datasetName ?? 'evaluation';
  checkDataset(dataset, datasetName, options.exampleSchema);
  const concurrency = checkConcurrency(options.concurrency, 8);
  const failureScore = options.failureScore ?? 0;
  const results = await mapConcurrent(
    dataset,
    concurrency,
    async (example, index) => {
      const {
        feedbackNode: _node,
        thrown: _thrown,
        ...record
      } = await runExample(workflow, guide, example, index, {
        failureScore,
        dataset: datasetName,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return record;
    },
    options.signal,
  );
  const { mean, standardError } = meanAndStandardError(results.map((result) => result.score));
  return {
    mean,
    standardError,
    count: results.length,
    failed: results.filter((result) => result.error !== undefined).length,
    examples: results,
  };
}
