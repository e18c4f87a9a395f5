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
import type { ResolvedSuggestionOptions } from './suggestion-options.js';
import {
  commitSuggestionStep,
  gatherTraceGraphs,
  type PlannedChange,
  type StepListener,
  StepRecorder,
  type StepRecorderOptions,
  type SuggestionStepRecord,
} from './suggestions/index.js';

/** What a proposal is made for, as {@link ModelOptimizer.prepareProposal} receives it. */
export interface ProposalContext {
  /** The optimizer's name, for the record (`optoprime`, `textgrad`, ...). */
  readonly optimizer: string;
  /** The step the proposal is for (the step count + 1). */
  readonly step: number;
  /** The model as `provider:modelId`, for the record. */
  readonly model: string;
  /** Cancels the model calls (the options' signal, joined with the one given to `propose`). */
  readonly signal: AbortSignal | undefined;
}

/** What {@link ModelOptimizer.prepareProposal} hands back: the record and the values to set. */
export interface PreparedProposal<StepRecord extends SuggestionStepRecord> {
  /** The step's record; `apply` completes it (status, applied, rejected) and emits it. */
  readonly record: StepRecord;
  /** The values `apply` sets all together, with the key and label the model used; none: no change. */
  readonly changes: readonly PlannedChange[];
  /** Handed to `onApplied` when the proposal is applied (OptoPrime's and OPRO's: the entry to keep). */
  readonly memo?: unknown;
}

/** How a subclass of {@link ModelOptimizer} sets it up. */
export interface ModelOptimizerConfig<StepRecord extends SuggestionStepRecord> {
  /** Written as `optimizer` in every step record and proposal, e.g. `textgrad`. */
  readonly name: string;
  /** Starts the messages of InvalidOptionsError and InvalidProposalError (default: `name`). */
  readonly title?: string;
  /** The checked shared options: the model, the signal, the log and the first listener. */
  readonly options: ResolvedSuggestionOptions;
  /** The form a record takes in the log (default: the record); see `StepRecorder`. */
  readonly toLogLine?: StepRecorderOptions<StepRecord>['toLogLine'];
}

/** What a proposal of a {@link ModelOptimizer} carries besides its values (opaque to callers). */
interface ProposalState {
  /** The optimizer's state when the proposal was made: it applies to that state only. */
  readonly basis: string;
  /** The key and label each proposed value came under. */
  readonly changes: ReadonlyMap<Node, { readonly key: string; readonly label: string }>;
  readonly memo: unknown;
}

/**
 * Base of the LLM optimizers whose proposals come from model calls (OptoPrime and OPRO through
 * {@link SuggestionOptimizer}, and TextGrad). It owns the parameters, `zeroFeedback`, `backward`
 * with a `GraphPropagator`, the step lock, the step count, the records (listeners and the JSONL
 * log), and core's `ProposingOptimizer` contract: `propose()` changes nothing, `apply(proposal)`
 * sets the values all-or-nothing, counts the step and emits the record, and `step()` is both. A
 * proposal applies only to the optimizer state it was made from: after another apply, or after
 * loading another state, it is refused as stale; after loading its own state back it applies.
 *
 * A subclass writes `prepareProposal(graphs, context)`, which may call the model any number of times
 * (asynchronously) and returns the record and the values to set; it must change nothing. It throws
 * ModelCallError (with the `model-error` record) when a call fails: `step()` emits that record and
 * rejects. `proposalBasis()` adds the subclass's own state to what a proposal is tied to,
 * `onApplied(memo)` stores what the subclass keeps from an applied proposal, and `restoreSteps` sets
 * the step count in `loadState`.
 */
export abstract class ModelOptimizer<StepRecord extends SuggestionStepRecord>
  extends PropagatingOptimizer<StepRecord>
  implements ProposingOptimizer<StepRecord>
{
  readonly #name: string;
  readonly #title: string;
  readonly #options: ResolvedSuggestionOptions;
  readonly #recorder: StepRecorder<StepRecord>;
  #steps = 0;
  #busy = false;

  constructor(parameters: ParameterSource, config: ModelOptimizerConfig<StepRecord>) {
    super(parameters, new GraphPropagator());
    this.#name = config.name;
    this.#title = config.title ?? config.name;
    this.#options = config.options;
    if (this.parameters.length === 0) {
      throw new InvalidOptionsError(
        ['there are no parameters to optimize; pass trainable nodes or a Module'],
        this.#title,
      );
    }
    const { logPath, onStep } = config.options;
    this.#recorder = new StepRecorder<StepRecord>({
      ...(logPath === undefined ? {} : { logPath }),
      ...(onStep === undefined ? {} : { onStep }),
      ...(config.toLogLine === undefined ? {} : { toLogLine: config.toLogLine }),
    });
  }

  /** Steps taken so far (applied proposals, `no-feedback` steps included; failed model calls not). */
  get steps(): number {
    return this.#steps;
  }

  /** Calls `listener` with every step record; returns a function that unsubscribes it. */
  onStep(listener: StepListener<StepRecord>): () => void {
    return this.#recorder.onStep(listener);
  }

  /**
   * Asks the model for new values and applies them. Resolves with the step's record for anything
   * the model replies; rejects with a ModelCallError when the model cannot be reached (the record,
   * status `model-error`, is emitted first; nothing is stored or counted, so calling it again
   * retries the same step), and with StepInProgressError if a step is running.
   */
  async step(): Promise<StepRecord> {
    this.#lock();
    try {
      let proposal: Proposal<StepRecord>;
      try {
        proposal = await this.#propose(this.#options.signal);
      } catch (error) {
        if (ModelCallError.isInstance(error) && error.record !== undefined) {
          await this.#recorder.emit(error.record as StepRecord);
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
   * proposal, changing nothing: no parameter, no kept state, no step count, no record emitted. Calls
   * may run concurrently (best-of-n). Without feedback the proposal is a `no-feedback` record with no
   * values; an unreadable reply gives a proposal with no values (status `invalid-reply`). Rejects
   * with ModelCallError (carrying the `model-error` record) when the model cannot be reached or
   * `options.signal` aborts the call.
   */
  async propose(options: ProposeOptions = {}): Promise<Proposal<StepRecord>> {
    const signals = [this.#options.signal, options.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    return this.#propose(signals.length > 1 ? AbortSignal.any(signals) : signals[0]);
  }

  /**
   * Installs `proposal` (from this optimizer's `propose()`): sets its values all-or-nothing, keeps
   * what the subclass keeps of it, counts the step and emits and returns its record. Throws
   * InvalidProposalError, changing nothing, for a proposal of another optimizer, one that changes a
   * parameter this optimizer does not own, or a stale one; StepInProgressError while a step runs.
   */
  async apply(proposal: Proposal<StepRecord>): Promise<StepRecord> {
    this.#lock();
    try {
      return await this.#commit(proposal);
    } finally {
      this.#busy = false;
    }
  }

  /** What a checkpoint keeps besides the parameter values: the step count and the subclass's state. */
  abstract exportState(): unknown;

  /** Restores what `exportState` returned (setting the count with `restoreSteps`); throws on a bad state. */
  abstract loadState(state: unknown): void;

  /**
   * The record and the values of a proposal for the trace graphs the parameters received (empty
   * when no parameter holds feedback: then return a `no-feedback` record and no changes, without a
   * model call). Must change nothing: a proposal may never be applied, and several may be prepared
   * at once. Throws ModelCallError, with the `model-error` record, when a model call fails.
   */
  protected abstract prepareProposal(
    graphs: readonly TraceGraph[],
    context: ProposalContext,
  ): Promise<PreparedProposal<StepRecord>>;

  /** The subclass's state a proposal is tied to besides the step count (default: none). */
  protected proposalBasis(): unknown {
    return null;
  }

  /** Called with a proposal's `memo` once its values are set and its step counted. */
  protected onApplied(_memo: unknown): void {}

  /** Sets the step count, for `loadState`; proposals made at another count become stale. */
  protected restoreSteps(steps: number): void {
    this.#steps = steps;
  }

  #lock(): void {
    if (this.#busy) throw new StepInProgressError();
    this.#busy = true;
  }

  async #propose(signal: AbortSignal | undefined): Promise<Proposal<StepRecord>> {
    const step = this.#steps + 1;
    const basis = this.#basis();
    const { model } = this.#options;
    const context: ProposalContext = {
      optimizer: this.#name,
      step,
      model: `${model.provider}:${model.modelId}`,
      signal,
    };
    const prepared = await this.prepareProposal(gatherTraceGraphs(this.parameters), context);
    const state: ProposalState = {
      basis,
      changes: new Map(
        prepared.changes.map(({ parameter, key, label }) => [parameter, { key, label }]),
      ),
      memo: prepared.memo,
    };
    const values = new Map(prepared.changes.map(({ parameter, value }) => [parameter, value]));
    return { optimizer: this.#name, step, values, record: prepared.record, state };
  }

  /** Checks `proposal`, then sets its values, keeps its memo, counts its step and emits it. */
  async #commit(proposal: Proposal<StepRecord>): Promise<StepRecord> {
    const state = this.#checkProposal(proposal);
    const changes: PlannedChange[] = [...proposal.values].map(([parameter, value]) => {
      const shown = state.changes.get(parameter);
      const label = shown?.label ?? parameter.label;
      return { parameter, value, key: shown?.key ?? label, label };
    });
    const record: StepRecord = {
      ...proposal.record,
      ...commitSuggestionStep(proposal.record, changes),
    };
    this.#steps = proposal.step;
    this.onApplied(state.memo);
    await this.#recorder.emit(record);
    return record;
  }

  #checkProposal(proposal: Proposal<StepRecord>): ProposalState {
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

  /** The state a proposal is made from: the step count and the subclass's own state. */
  #basis(): string {
    return JSON.stringify([this.#steps, this.proposalBasis()]);
  }
}
