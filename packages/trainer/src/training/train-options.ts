import type { Optimizer } from '@trace/core';
import type { Budget } from '@trace/llm';
import type { z } from 'zod';
import type { PlainOutput, Workflow } from '../evaluation/run-example.js';
import type { Guide } from '../guides/guide.js';
import type { ProgressMode } from '../progress/progress-reporter.js';
import type { RunEvent, Usage } from '../run-directory/schemas.js';
import type { Search } from '../search/search.js';
import type { StepGraphOptions } from './step-graph.js';

/** Options of {@link train}. */
export interface TrainOptions<Example, Output> {
  /** The workflow; it must return the output node (traced) so feedback can reach the parameters. */
  readonly workflow: Workflow<Example, Output>;
  /** Any optimizer; a `ProposingOptimizer` adds checkpointed optimizer state, rejection and search. */
  readonly optimizer: Optimizer;
  /** Training examples. */
  readonly train: readonly Example[];
  /** Validation examples: scored every `validateEvery` steps, for best-keeping, rejection and stopping. */
  readonly validation?: readonly Example[];
  /** Scores outputs and gives their feedback. */
  readonly guide: Guide<Example, PlainOutput<Output>>;
  /** Guide for validation (default `guide`). */
  readonly validationGuide?: Guide<Example, PlainOutput<Output>>;
  /** Examples per step (default 1). */
  readonly batchSize?: number;
  /** Passes over the training set (default 1 unless `steps` is given). */
  readonly epochs?: number;
  /** Number of steps (overrides `epochs`). */
  readonly steps?: number;
  /** Seed of the data order (default 0). */
  readonly seed?: number;
  /** Shuffle the training set each epoch (default true). */
  readonly shuffle?: boolean;
  /** Examples run at once (default 8). */
  readonly concurrency?: number;
  /** Validate after every k steps (default 1 when there is a validation set). */
  readonly validateEvery?: number;
  /** Keep the parameters with the best validation score and restore them at the end (default true). */
  readonly keepBest?: boolean;
  /** Roll back a step whose validation is worse than the last accepted one (default false). */
  readonly rejectWorse?: boolean;
  /** Run a step's batch again (not counted) when a workflow threw, up to this many times (default 0). */
  readonly forwardRetries?: number;
  /** Stop when the validation mean (the batch mean without validation) reaches this score. */
  readonly target?: number;
  /** Stop after this many validations without a new best. */
  readonly patience?: number;
  /** Score of an example whose workflow threw (default 0). */
  readonly failureScore?: number;
  /** Checks every example before anything runs. */
  readonly exampleSchema?: z.ZodType;
  /** A search over proposals in place of `optimizer.step()` (needs a `ProposingOptimizer`). */
  readonly search?: Search;
  /** Where to write the run directory (manifest, events, checkpoints, final). */
  readonly runDirectory?: string;
  /**
   * Resume the run in `runDirectory` from its last checkpoint (default false). A directory without a
   * run starts a new one; a finished run is not run again (its final parameters are loaded).
   */
  readonly resume?: boolean;
  /** Checkpoint every k steps (default 1). */
  readonly checkpointEvery?: number;
  /** The run's `@trace/llm` budget: the run stops cleanly before a step it cannot pay for. */
  readonly budget?: Budget;
  /** Worst case of one step, when the largest step so far is not a good guess. */
  readonly stepCostEstimate?: Usage;
  /** Stops the run between steps (a step in flight is rolled back). */
  readonly signal?: AbortSignal;
  /** `auto` (default: a live line on a TTY, plain lines otherwise), `tty`, `plain` or `silent`. */
  readonly progress?: ProgressMode;
  /** Where progress goes (default `process.stderr`). */
  readonly progressStream?: NodeJS.WriteStream;
  /** Called with every event, as written to `events.jsonl`. */
  readonly onEvent?: (event: RunEvent) => void;
  /**
   * Record in each step event the trace graph the optimizer saw, as DOT (default true). Graphs above
   * `maxNodes` (500) nodes or `maxChars` (100,000) characters of DOT are recorded collapsed to the
   * parameters, what they received, and the outputs. `false` records none.
   */
  readonly recordGraph?: boolean | StepGraphOptions;
  /** Labels and facts written into the manifest. */
  readonly manifest?: {
    readonly experiment?: string;
    readonly method?: string;
    readonly task?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly model?: { readonly provider: string; readonly modelId: string };
    readonly packages?: Readonly<Record<string, string>>;
  };
}
