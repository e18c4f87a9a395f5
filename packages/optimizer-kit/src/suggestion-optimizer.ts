import type { Node, ParameterSource, Proposal, TraceGraph } from '@trace/core';
import { InvalidOptionsError } from './errors/invalid-options-error.js';
import { ModelCallError } from './errors/model-call-error.js';
import type { FeedbackEntry, SuggestionOptimizerState } from './feedback-entry.js';
import { ModelOptimizer, type PreparedProposal, type ProposalContext } from './model-optimizer.js';
import { checkReplyShape } from './reply-schema.js';
import { sendToModel } from './send-to-model.js';
import type { ResolvedSuggestionOptions } from './suggestion-options.js';
import {
  compactSuggestionRecord,
  gatherTraceGraphs,
  noFeedbackRecord,
  proposeSuggestionStep,
  type SuggestionStepRecord,
} from './suggestions/index.js';

/** The prompt a step sends: what `render()` returns. */
export interface RenderedPrompt {
  /** The system prompt (the task and the reply format). */
  readonly system: string;
  /** The user turn. */
  readonly user: string;
}

/** What a subclass hands back for one step: the prompt, the variables, and what to remember. */
export interface SuggestionPrompt extends RenderedPrompt {
  /** The variables the model may change, by the label the prompt shows them under. */
  readonly variables: ReadonlyMap<string, Node>;
  /**
   * The (variables, feedback) pair to remember once the step is applied; stored only by `apply()`
   * (never for a failed model call), and only when the entry limit is above 0.
   */
  readonly entry?: FeedbackEntry;
}

/** A proposal of a {@link SuggestionOptimizer}: values to set, and the record `apply` will emit. */
export type SuggestionProposal = Proposal<SuggestionStepRecord>;

/** How a subclass of {@link SuggestionOptimizer} sets it up. */
export type SuggestionOptimizerConfig<Key extends string> = {
  /** Written as `optimizer` in every step record, e.g. `optoprime`. */
  readonly name: string;
  /** Starts the messages of InvalidOptionsError, e.g. `OptoPrime` (default: `name`). */
  readonly title?: string;
  /** The shared options, checked by `resolveSuggestionOptions`. */
  readonly options: ResolvedSuggestionOptions;
  /** Most (variables, feedback) entries kept; 0 (the default) keeps none. */
  readonly entryLimit?: number;
} & (Key extends 'entries'
  ? {
      /** The key of the entries in `exportState()` (default `entries`). */
      readonly stateKey?: Key;
    }
  : {
      /** The key of the entries in `exportState()`, e.g. `memory`. */
      readonly stateKey: Key;
    });

/**
 * Base of the LLM optimizers that make one model call per step from one prompt (OptoPrime, OPRO).
 * On top of {@link ModelOptimizer} (the parameters, `backward`, the step lock and count, the records,
 * propose/apply) it owns the model call, the reply check and the all-or-nothing apply (through the
 * kit's `proposeSuggestionStep`/`commitSuggestionStep`), and the checkpoint state: the step count
 * and the kept (variables, feedback) entries. A subclass supplies only the prompt, in `prepareStep`,
 * with the entry it wants remembered.
 *
 * It implements core's `ProposingOptimizer`: `propose()` asks the model and returns the update
 * without changing anything (call it several times for best-of-n); `apply(proposal)` sets its values
 * all-or-nothing, stores its entry, counts the step and emits its record; `step()` is both.
 *
 * `step()` resolves with the record for anything the model replies (`no-feedback` without a model
 * call when no parameter holds feedback); it rejects with ModelCallError when the model cannot be
 * reached (after emitting the record, status `model-error`; nothing is stored or counted, so calling
 * it again retries the same step), and with StepInProgressError while another step runs.
 *
 * @example
 * class Guess extends SuggestionOptimizer {
 *   constructor(parameters: ParameterSource, options: SuggestionOptimizerOptions) {
 *     super(parameters, { name: 'guess', options: resolveSuggestionOptions('Guess', options) });
 *   }
 *   protected prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt {
 *     const x = this.parameters[0]!;
 *     const feedback = graphs.map((graph) => feedbackText(graph.userFeedback)).join('\n');
 *     return {
 *       system: 'Reply with JSON: {"suggestion": {"x": <a better number>}}',
 *       user: `x = ${String(x.data)}\nFeedback: ${feedback}`,
 *       variables: new Map([['x', x]]),
 *     };
 *   }
 * }
 */
export abstract class SuggestionOptimizer<
  Key extends string = 'entries',
> extends ModelOptimizer<SuggestionStepRecord> {
  readonly #stateKey: Key;
  readonly #entryLimit: number;
  readonly #options: ResolvedSuggestionOptions;
  readonly #title: string;
  #entries: FeedbackEntry[] = [];

  constructor(parameters: ParameterSource, config: SuggestionOptimizerConfig<Key>) {
    const title = config.title ?? config.name;
    const entryLimit = config.entryLimit ?? 0;
    if (!Number.isInteger(entryLimit) || entryLimit < 0) {
      throw new InvalidOptionsError(
        [`the entry limit must be an integer >= 0, got ${String(entryLimit)}`],
        title,
      );
    }
    super(parameters, {
      name: config.name,
      title,
      options: config.options,
      // Prompts are logged as paragraph references: each repeated paragraph is written once.
      toLogLine: compactSuggestionRecord,
    });
    this.#title = title;
    this.#stateKey = (config.stateKey ?? 'entries') as Key;
    this.#entryLimit = entryLimit;
    this.#options = config.options;
  }

  /** The kept (variables, feedback) entries, oldest first (OptoPrime's `memory`, OPRO's `history`). */
  get entries(): readonly FeedbackEntry[] {
    return this.#entries;
  }

  /** The prompt the next step would send, or undefined when no parameter holds feedback. */
  render(): RenderedPrompt | undefined {
    const graphs = gatherTraceGraphs(this.parameters);
    if (graphs.length === 0) return undefined;
    const { system, user } = this.prepareStep(graphs);
    return { system, user };
  }

  /** The step count and the kept entries, for checkpoints (parameter values are saved separately). */
  exportState(): SuggestionOptimizerState<Key> {
    const entries = this.#entries.map((entry) => ({ ...entry }));
    return { steps: this.steps, [this.#stateKey]: entries } as SuggestionOptimizerState<Key>;
  }

  /**
   * Restores what `exportState` returned; keeps only the newest entries the limit allows. Proposals
   * made from another state can no longer be applied.
   */
  loadState(state: SuggestionOptimizerState<Key>): void {
    const entries: unknown = (state as Partial<Record<string, unknown>> | undefined)?.[
      this.#stateKey
    ];
    const valid =
      Number.isInteger(state?.steps) &&
      state.steps >= 0 &&
      Array.isArray(entries) &&
      entries.every(
        (entry) => typeof entry?.variables === 'string' && typeof entry?.feedback === 'string',
      );
    if (!valid) {
      throw new InvalidOptionsError(
        [
          `the state must be { steps: integer >= 0, ${this.#stateKey}: { variables: string, feedback: string }[] } as exportState() returns it`,
        ],
        this.#title,
      );
    }
    const limit = this.#entryLimit;
    this.restoreSteps(state.steps);
    this.#entries =
      limit === 0
        ? []
        : (entries as FeedbackEntry[])
            .slice(-limit)
            .map((entry) => ({ variables: entry.variables, feedback: entry.feedback }));
  }

  /**
   * The prompt of a step for the trace graphs the parameters received (never empty), and the entry
   * the step remembers once applied. It must change nothing: `propose()` and `render()` call it, and
   * a proposal may never be applied.
   */
  protected abstract prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt;

  /**
   * The kept entries as they will be once `entry` is stored: `entry` newest, the oldest dropped
   * beyond the entry limit (for a prompt that shows the current step in its history, as OPRO's).
   */
  protected entriesWith(entry: FeedbackEntry): readonly FeedbackEntry[] {
    const limit = this.#entryLimit;
    if (limit === 0) return [];
    return [...this.#entries, entry].slice(-limit);
  }

  /** One model call with the prompt of `prepareStep`, read and checked by the suggestion step. */
  protected override async prepareProposal(
    graphs: readonly TraceGraph[],
    { optimizer, step, model, signal }: ProposalContext,
  ): Promise<PreparedProposal<SuggestionStepRecord>> {
    if (graphs.length === 0)
      return { record: noFeedbackRecord(optimizer, step, model), changes: [] };
    const options = this.#options;
    const prompt = this.prepareStep(graphs);
    const proposed = await proposeSuggestionStep({
      optimizer,
      step,
      model,
      prompt: { system: prompt.system, user: prompt.user },
      send: (turns) => sendToModel(options, prompt.system, turns, { signal }),
      check: checkReplyShape,
      variables: prompt.variables,
      repairAttempts: options.repairAttempts,
      ...(options.valueKinds === undefined ? {} : { valueKinds: options.valueKinds }),
    });
    if (proposed.modelError !== undefined) {
      throw new ModelCallError(step, proposed.modelError, proposed.record);
    }
    const entry =
      prompt.entry === undefined
        ? undefined
        : { variables: prompt.entry.variables, feedback: prompt.entry.feedback };
    return { record: proposed.record, changes: proposed.changes, memo: entry };
  }

  /** The kept entries are part of the state a proposal is made from. */
  protected override proposalBasis(): unknown {
    return this.#entries;
  }

  /** Keeps the applied proposal's entry as the newest, dropping the oldest beyond the limit. */
  protected override onApplied(memo: unknown): void {
    const entry = memo as FeedbackEntry | undefined;
    const limit = this.#entryLimit;
    if (entry === undefined || limit === 0) return;
    this.#entries.push({ variables: entry.variables, feedback: entry.feedback });
    if (this.#entries.length > limit) this.#entries.splice(0, this.#entries.length - limit);
  }
}
