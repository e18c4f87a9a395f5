import { endSentence, isNode, type Node, scope, TraceExecutionError } from '@trace/core';
import { BudgetExceededError } from '@trace/llm';
import { TrainerError } from '../errors.js';
import type { Guide } from '../guides/guide.js';

/** A workflow: takes an example, returns its output (a node when traced, or a plain value). */
export type Workflow<Example, Output> = (example: Example) => Output | Promise<Output>;

/** The plain value of a workflow output. */
export type PlainOutput<Output> = Output extends Node<infer Value> ? Value : Output;

/** One example's result. */
export interface ExampleResult<Output = unknown> {
  /** Index of the example in its dataset. */
  readonly index: number;
  readonly score: number;
  /** The guide's feedback, or the error text when the workflow threw. */
  readonly feedback: unknown;
  /** The workflow's plain output (undefined when it threw). */
  readonly output: Output | undefined;
  /** The error text when the workflow threw (the example then has the failure score). */
  readonly error?: string;
  readonly durationMs: number;
}

/** The result with what backward needs: the output node, or the node a traced error ended at. */
export interface TracedExampleResult<Output> extends ExampleResult<Output> {
  /** Where feedback goes: the output node, or the exception node of a traced failure. */
  readonly feedbackNode: Node | undefined;
  /** The error the workflow threw, as thrown. */
  readonly thrown?: unknown;
}

const errorText = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Runs one example in its own `scope()`: the workflow, then the guide on its plain output. A
 * workflow that throws gives the failure score with the error kept (a traced failure's exception
 * node receives the error text as feedback). A guide that throws or returns no usable judgement is a
 * `TrainerError` naming the example: scores would be meaningless without it.
 */
export async function runExample<Example, Output>(
  workflow: Workflow<Example, Output>,
  guide: Guide<Example, PlainOutput<Output>>,
  example: Example,
  index: number,
  options: { failureScore: number; signal?: AbortSignal; dataset: string },
): Promise<TracedExampleResult<PlainOutput<Output>>> {
  const started = performance.now();
  let output: Output;
  try {
    output = await scope(() => workflow(example));
  } catch (error) {
    // Running out of budget or being aborted is not the example's fault: it stops the caller.
    const budgetError = findCause(error, BudgetExceededError.isInstance);
    if (budgetError !== undefined) throw budgetError;
    if (options.signal?.aborted) throw error;
    const exceptionNode = TraceExecutionError.isInstance(error) ? error.exceptionNode : undefined;
    return {
      index,
      score: options.failureScore,
      feedback: exceptionNode?.data ?? errorText(error),
      output: undefined,
      error: errorText(error),
      durationMs: performance.now() - started,
      feedbackNode: exceptionNode,
      thrown: error,
    };
  }
  const plain = (isNode(output) ? output.data : output) as PlainOutput<Output>;
  let judgement: unknown;
  try {
    judgement = await guide(example, plain, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    throw new TrainerError(
      'GUIDE_FAILED',
      `The guide threw on ${options.dataset} example ${index}: ${endSentence(errorText(error))} Fix the guide (or catch inside it and return { score, feedback }).`,
      { cause: error },
    );
  }
  const candidate = judgement as { score?: unknown; feedback?: unknown } | null | undefined;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.score !== 'number' ||
    !Number.isFinite(candidate.score) ||
    candidate.feedback === undefined
  ) {
    throw new TrainerError(
      'GUIDE_FAILED',
      `The guide returned ${describe(judgement)} for ${options.dataset} example ${index}; a guide must return { score: a finite number, feedback: text or a number }.`,
    );
  }
  return {
    index,
    score: candidate.score,
    feedback: candidate.feedback,
    output: plain,
    durationMs: performance.now() - started,
    feedbackNode: isNode(output) ? output : undefined,
  };
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The first error in `error`'s cause chain that `test` accepts. */
export function findCause<T>(error: unknown, test: (value: unknown) => value is T): T | undefined {
  let current = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth += 1) {
    if (test(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
