import {
  GraphPropagator,
  type Node,
  type ParameterSource,
  PropagatingOptimizer,
  type Proposal,
  type ProposeOptions,
  type ProposingOptimizer,
  type TraceGraph,
} from '@trace/core';
import { InvalidOptionsError } from './errors/invalid-options-error.js';
import { InvalidProposalError } from './errors/invalid-proposal-error.js';
import { ModelCallError } from './errors/model-call-error.js';
import { StepInProgressError } from './errors/step-in-progress-error.js';
import type { FeedbackEntry, SuggestionOptimizerState } from './feedback-entry.js';
import { checkReplyShape } from './reply-schema.js';
import { sendToModel } from './send-to-model.js';
import type { ResolvedSuggestionOptions } from './suggestion-options.js';
import {
  commitSuggestionStep,
  compactSuggestionRecord,
  gatherTraceGraphs,
  noFeedbackRecord,
  type PlannedChange,
  proposeSuggestionStep,
  type StepListener,
  StepRecorder,
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

/** What a suggestion proposal carries besides its values (opaque to callers). */
interface ProposalState {
  /**
   * The optimizer's state (step count and kept entries) when the proposal was made. The proposal
   * applies only to that state: after another apply it is stale, and after `loadState` of the state
   * it was made from (a search trying proposals one after another) it applies again.
   */
  readonly basis: string;
  readonly entry: FeedbackEntry | undefined;
  /** The label and key each proposed value came under. */
  readonly changes: ReadonlyMap<Node, { readonly key: string; readonly label: string }>;
}

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
 * Base of the LLM optimizers that ask a model for new parameter values (OptoPrime, OPRO). It owns
 * the parameters, `zeroFeedback`, `backward` with a `GraphPropagator`, the step lock, the step count,
 * the model call, the reply check and the all-or-nothing apply (through the kit's
 * `proposeSuggestionStep`/`commitSuggestionStep`), the step records (listeners and the JSONL log)
 * and the checkpoint state: the step count and the kept (variables, feedback) entries. A subclass
 * supplies only the prompt, in `prepareStep`, with the entry it wants remembered.
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
export abstract class SuggestionOptimizer<Key extends string = 'entries'>
  extends PropagatingOptimizer<SuggestionStepRecord>
  implements ProposingOptimizer<SuggestionStepRecord>
{
  readonly #name: string;
  readonly #title: string;
  readonly #stateKey: Key;
  readonly #entryLimit: number;
  readonly #options: ResolvedSuggestionOptions;
  readonly #recorder: StepRecorder<SuggestionStepRecord>;
  #entries: FeedbackEntry[] = [];
  #steps = 0;
  #busy = false;

  constructor(parameters: ParameterSource, config: SuggestionOptimizerConfig<Key>) {
    super(parameters, new GraphPropagator());
    this.#name = config.name;
    this.#title = config.title ?? config.name;
    this.#stateKey = (config.stateKey ?? 'entries') as Key;
    this.#entryLimit = config.entryLimit ?? 0;
    this.#options = config.options;
    if (!Number.isInteger(this.#entryLimit) || this.#entryLimit < 0) {
      throw new InvalidOptionsError(
        [`the entry limit must be an integer >= 0, got ${String(this.#entryLimit)}`],
        this.#title,
      );
    }
    if (this.parameters.length === 0) {
      throw new InvalidOptionsError(
        ['there are no parameters to optimize; pass trainable nodes or a Module'],
        this.#title,
      );
    }
    const { logPath, onStep } = config.options;
    this.#recorder = new StepRecorder({
      ...(logPath === undefined ? {} : { logPath }),
      ...(onStep === undefined ? {} : { onStep }),
      // Prompts are logged as paragraph references: each repeated paragraph is written once.
      toLogLine: compactSuggestionRecord,
    });
  }

  /** The kept (variables, feedback) entries, oldest first (OptoPrime's `memory`, OPRO's `history`). */
  get entries(): readonly FeedbackEntry[] {
    return this.#entries;
  }

  /** Steps taken so far (applied proposals, `no-feedback` steps included; failed model calls not). */
  get steps(): number {
    return this.#steps;
  }

  /** Calls `listener` with every step record; returns a function that unsubscribes it. */
  onStep(listener: StepListener<SuggestionStepRecord>): () => void {
    return this.#recorder.onStep(listener);
  }

  /** The prompt the next step would send, or undefined when no parameter holds feedback. */
  render(): RenderedPrompt | undefined {
    const graphs = gatherTraceGraphs(this.parameters);
    if (graphs.length === 0) return undefined;
    const { system, user } = this.prepareStep(graphs);
    return { system, user };
  }

  /**
   * Asks the model for new values and applies them. Resolves with the step's record for anything
   * the model replies; rejects with a ModelCallError when the model cannot be reached (the record,
   * status `model-error`, is emitted first; nothing is stored or counted), and with
   * StepInProgressError if a step is running.
   */
  async step(): Promise<SuggestionStepRecord> {
    this.#lock();
    try {
      let proposal: SuggestionProposal;
      try {
        proposal = await this.#propose(this.#options.signal);
      } catch (error) {
        if (ModelCallError.isInstance(error) && error.record !== undefined) {
          await this.#recorder.emit(error.record);
        }
        throw error;
      }
      return await this.#commit(proposal);
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Asks the model for new values from the feedback the parameters hold and returns them as a
   * proposal, changing nothing: no parameter, no entry, no step count, no record emitted. Calls may
   * run concurrently (best-of-n). Without feedback the proposal is a `no-feedback` record with no
   * values. An unreadable reply gives a proposal with no values (status `invalid-reply`). Rejects
   * with ModelCallError (carrying the `model-error` record) when the model cannot be reached or
   * `options.signal` aborts the call.
   */
  async propose(options: ProposeOptions = {}): Promise<SuggestionProposal> {
    const signals = [this.#options.signal, options.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    return this.#propose(signal);
  }

  /**
   * Installs `proposal` (from this optimizer's `propose()`): sets its values all-or-nothing, stores
   * its entry, counts the step and emits and returns its record. A proposal whose reply was
   * unreadable changes no parameter. Throws InvalidProposalError, changing nothing, for a proposal
   * of another optimizer or a stale one (another was applied, or a state loaded, since it was made);
   * StepInProgressError while a step runs.
   */
  async apply(proposal: SuggestionProposal): Promise<SuggestionStepRecord> {
    this.#lock();
    try {
      return await this.#commit(proposal);
    } finally {
      this.#busy = false;
    }
  }

  /** The step count and the kept entries, for checkpoints (parameter values are saved separately). */
  exportState(): SuggestionOptimizerState<Key> {
    const entries = this.#entries.map((entry) => ({ ...entry }));
    return { steps: this.#steps, [this.#stateKey]: entries } as SuggestionOptimizerState<Key>;
  }

  /**
   * Restores what `exportState` returned; keeps only the newest entries the limit allows. Proposals
   * made before it can no longer be applied.
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
    this.#steps = state.steps;
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

  #lock(): void {
    if (this.#busy) throw new StepInProgressError();
    this.#busy = true;
  }

  async #propose(signal: AbortSignal | undefined): Promise<SuggestionProposal> {
    const step = this.#steps + 1;
    const basis = this.#basis();
    const options = this.#options;
    const model = `${options.model.provider}:${options.model.modelId}`;
    const graphs = gatherTraceGraphs(this.parameters);
    if (graphs.length === 0) {
      const state: ProposalState = { basis, entry: undefined, changes: new Map() };
      const record = noFeedbackRecord(this.#name, step, model);
      return { optimizer: this.#name, step, values: new Map(), record, state };
    }
    const prompt = this.prepareStep(graphs);
    const proposed = await proposeSuggestionStep({
      optimizer: this.#name,
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
    const state: ProposalState = {
      basis,
      entry,
      changes: new Map(
        proposed.changes.map(({ parameter, key, label }) => [parameter, { key, label }]),
      ),
    };
    const values = new Map(proposed.changes.map(({ parameter, value }) => [parameter, value]));
    return { optimizer: this.#name, step, values, record: proposed.record, state };
  }

  /** Checks `proposal`, then sets its values, stores its entry, counts its step and emits it. */
  async #commit(proposal: SuggestionProposal): Promise<SuggestionStepRecord> {
    const state = this.#checkProposal(proposal);
    const changes: PlannedChange[] = [...proposal.values].map(([parameter, value]) => {
      const shown = state.changes.get(parameter);
      const label = shown?.label ?? parameter.label;
      return { parameter, value, key: shown?.key ?? label, label };
    });
    const record = commitSuggestionStep(proposal.record, changes);
    this.#steps = proposal.step;
    if (state.entry !== undefined) this.#keep(state.entry);
    await this.#recorder.emit(record);
    return record;
  }

  #checkProposal(proposal: SuggestionProposal): ProposalState {
    const state = proposal?.state as ProposalState | undefined;
    if (
      proposal?.optimizer !== this.#name ||
      typeof state?.basis !== 'string' ||
      !(state.changes instanceof Map) ||
      !(proposal.values instanceof Map)
    ) {
      throw new InvalidProposalError(
        `it was not made by this optimizer's propose() (a ${this.#title} proposal is expected)`,
      );
    }
    const owned = new Set(this.parameters);
    for (const parameter of proposal.values.keys()) {
      if (!owned.has(parameter)) {
        throw new InvalidProposalError(
          `it changes '${(parameter as Node)?.name}', which is not a parameter of this optimizer`,
        );
      }
    }
    if (state.basis !== this.#basis() || proposal.step !== this.#steps + 1) {
      throw new InvalidProposalError(
        `it was made for step ${proposal.step} from another state of the optimizer (a proposal was applied or a different state loaded since; it is at step ${this.#steps}); call propose() again`,
      );
    }
    return state;
  }

  /** The state a proposal is made from: the step count and the kept entries. */
  #basis(): string {
    return JSON.stringify([this.#steps, this.#entries]);
  }

  /** Keeps `entry` as the newest, dropping the oldest beyond the entry limit (none with limit 0). */
  #keep(entry: FeedbackEntry): void {
    const limit = this.#entryLimit;
    if (limit === 0) return;
    this.#entries.push({ variables: entry.variables, feedback: entry.feedback });
    if (this.#entries.length > limit) this.#entries.splice(0, this.#entries.length - limit);
  }
}
