import {
  GraphPropagator,
  type Node,
  type ParameterSource,
  PropagatingOptimizer,
  type Proposal,
  type ProposeOptions,
  type ProposingOptimizer,
} from '@trace/core';
import { costOf, findPrice } from '@trace/llm';
import {
  checkReplyShape,
  commitSuggestionStep,
  type FeedbackEntry,
  gatherTraceGraphs,
  InvalidOptionsError,
  InvalidProposalError,
  ModelCallError,
  noFeedbackRecord,
  type PlannedChange,
  proposeSuggestionStep,
  StepInProgressError,
  type StepListener,
  StepRecorder,
  type SuggestionStepRecord,
  sendToModel,
} from '@trace/optimizer-kit';
import { type BackwardPlan, planBackward } from './backward-plan.js';
import { BackwardWalk } from './backward-walk.js';
import {
  type ResolvedTextGradOptions,
  resolveTextGradOptions,
  type TextGradOptions,
} from './options.js';
import { previewRequests, type TextGradRequest } from './preview-requests.js';
import {
  gradientPrompt,
  gradientSystemPrompt,
  joinGradients,
  type PromptContext,
  summaryPrompt,
  summarySystemPrompt,
  updatePrompt,
  updateSystemPrompt,
} from './prompts.js';
import type { TextGradStepRecord } from './step-record.js';

/** A proposal of {@link TextGrad}: values to set, and the record `apply` will emit. */
export type TextGradProposal = Proposal<TextGradStepRecord>;

/** What a checkpoint keeps of TextGrad besides the parameter values: the steps taken so far. */
export interface TextGradState {
  readonly steps: number;
}

/** What `render()` returns: the first model calls the next step makes (the first one repeated). */
export interface TextGradPrompt {
  readonly system: string;
  readonly user: string;
  /** Every request of backward level 0 (or the update request, when level 0 asks for nothing). */
  readonly requests: readonly TextGradRequest[];
}

interface ProposalState {
  readonly labels: ReadonlyMap<Node, string>;
}

/**
 * TextGrad's optimizer (Textual Gradient Descent) on the trace graph: walks the graphs its
 * parameters received backward from the outputs, level by level, asking the model for a textual
 * gradient of every input that leads to a parameter, given the step that used it (operator,
 * inputs, output) and the criticism that step received (the user's feedback at the outputs). A node
 * with more than `summarizeAbove` gradients gets one summary call; fewer are joined. Then one call
 * asks for new values of all parameters at once, in the shared JSON reply, which goes through the
 * same reading, conversion and checks as OptoPrime's and is applied all together or not at all.
 *
 * Calls of one level run concurrently (at most `maxConcurrency` at once); the step record counts
 * calls, tokens, cost and time.
 *
 * @example
 * const optimizer = new TextGrad([prompt], { model: resolveModel() });
 * optimizer.zeroFeedback();
 * const answer = scope(() => ask(prompt, question));
 * optimizer.backward(answer, 'Too long; answer in one word.');
 * console.log(summarizeStep(await optimizer.step()));
 */
export class TextGrad
  extends PropagatingOptimizer<TextGradStepRecord>
  implements ProposingOptimizer<TextGradStepRecord>
{
  readonly #options: ResolvedTextGradOptions;
  readonly #recorder: StepRecorder<TextGradStepRecord>;
  #steps = 0;
  #busy = false;

  constructor(parameters: ParameterSource, options: TextGradOptions) {
    super(parameters, new GraphPropagator());
    this.#options = resolveTextGradOptions(options);
    if (this.parameters.length === 0) {
      throw new InvalidOptionsError(
        ['there are no parameters to optimize; pass trainable nodes or a Module'],
        'TextGrad',
      );
    }
    const { logPath, onStep } = this.#options;
    this.#recorder = new StepRecorder<TextGradStepRecord>({
      ...(logPath === undefined ? {} : { logPath }),
      ...(onStep === undefined ? {} : { onStep: onStep as StepListener<TextGradStepRecord> }),
    });
  }

  /**
   * The remembered (variables, feedback) entries of the other LLM optimizers' interface: always
   * empty, since TextGrad keeps no history between steps.
   */
  get entries(): readonly FeedbackEntry[] {
    return [];
  }

  /** Steps taken so far (applied proposals, `no-feedback` steps included; failed model calls not). */
  get steps(): number {
    return this.#steps;
  }

  /** Calls `listener` with every step record; returns a function that unsubscribes it. */
  onStep(listener: StepListener<TextGradStepRecord>): () => void {
    return this.#recorder.onStep(listener);
  }

  /**
   * The first model calls the next step would make (the requests of backward level 0, or the update
   * request when level 0 asks for nothing), or undefined when no parameter holds feedback, or the
   * feedback is empty so that the step would ask nothing.
   */
  render(): TextGradPrompt | undefined {
    const graphs = gatherTraceGraphs(this.parameters);
    if (graphs.length === 0) return undefined;
    const plan = planBackward(graphs, this.parameters);
    const context = this.#context(plan);
    const requests: TextGradRequest[] = [];
    for (const node of plan.levels[0] ?? []) {
      const gradients = plan.feedback.get(node) ?? [];
      if (gradients.length > this.#options.summarizeAbove) {
        const user = summaryPrompt(context, node, gradients);
        requests.push({ kind: 'summary', system: summarySystemPrompt, user });
        continue;
      }
      const text = joinGradients(gradients);
      if (text === '') continue; // empty feedback: the step asks nothing for this node
      for (const input of plan.gradientInputs.get(node) ?? []) {
        const user = gradientPrompt(context, node, input, text);
        requests.push({ kind: 'gradient', system: gradientSystemPrompt, user });
      }
    }
    if (requests.length === 0) {
      const entries = plan.parameters
        .map((parameter) => ({
          parameter,
          gradient: joinGradients(plan.feedback.get(parameter) ?? []),
        }))
        .filter((entry) => entry.gradient !== '');
      if (entries.length === 0) return undefined;
      const user = updatePrompt(context, entries);
      requests.push({ kind: 'update', system: updateSystemPrompt, user });
    }
    return { system: requests[0]!.system, user: requests[0]!.user, requests };
  }

  /**
   * Every request the next step would send if each criticism (and summary) reply were `reply`,
   * without calling the model: to see a step's prompts, or count its calls and prompt size before
   * paying for them. Listed level by level, in node and argument order (the step runs a level's
   * calls concurrently, so they may start in another order). Empty when no parameter holds
   * feedback. The step sends the same requests, or fewer when a reply is empty.
   */
  preview(reply = '(criticism from the model)'): readonly TextGradRequest[] {
    const graphs = gatherTraceGraphs(this.parameters);
    if (graphs.length === 0) return [];
    const plan = planBackward(graphs, this.parameters);
    return previewRequests(plan, this.#context(plan), this.#options.summarizeAbove, reply);
  }

  /**
   * Runs the backward walk and the update call, and applies the new values. Resolves with the
   * record for anything the model replies; rejects with ModelCallError when a call fails (the
   * `model-error` record is emitted first; nothing changes, so calling it again retries the step),
   * and with StepInProgressError while another step runs.
   */
  async step(): Promise<TextGradStepRecord> {
    this.#lock();
    try {
      let proposal: TextGradProposal;
      try {
        proposal = await this.#propose(this.#options.signal);
      } catch (error) {
        if (ModelCallError.isInstance(error) && error.record !== undefined) {
          await this.#recorder.emit(error.record as TextGradStepRecord);
        }
        throw error;
      }
      return await this.#commit(proposal);
    } finally {
      this.#busy = false;
    }
  }

  /**
   * Runs the backward walk and the update call and returns the new values as a proposal, changing
   * nothing (no parameter, step count or record). Calls may run concurrently. An unreadable update
   * reply gives a proposal without values (status `invalid-reply`). Rejects with ModelCallError when
   * a call fails or `options.signal` aborts; calls still running are aborted first.
   */
  async propose(options: ProposeOptions = {}): Promise<TextGradProposal> {
    const signals = [this.#options.signal, options.signal].filter(
      (signal): signal is AbortSignal => signal !== undefined,
    );
    return this.#propose(signals.length > 1 ? AbortSignal.any(signals) : signals[0]);
  }

  /**
   * Installs `proposal` (from this optimizer's `propose()`): sets its values all-or-nothing, counts
   * the step and emits and returns its record. Throws InvalidProposalError, changing nothing, for a
   * proposal of another optimizer or a stale one; StepInProgressError while a step runs.
   */
  async apply(proposal: TextGradProposal): Promise<TextGradStepRecord> {
    this.#lock();
    try {
      return await this.#commit(proposal);
    } finally {
      this.#busy = false;
    }
  }

  /** The step count, for checkpoints (parameter values are saved separately). */
  exportState(): TextGradState {
    return { steps: this.#steps };
  }

  /**
   * Restores what `exportState` returned. A proposal applies only to the state it was made from:
   * after loading another state it is refused as stale, after loading its own state it applies.
   */
  loadState(state: TextGradState): void {
    const steps = (state as Partial<TextGradState> | undefined)?.steps;
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
      throw new InvalidOptionsError(
        ['the state must be { steps: integer >= 0 } as exportState() returns it'],
        'TextGrad',
      );
    }
    this.#steps = steps;
  }

  #lock(): void {
    if (this.#busy) throw new StepInProgressError();
    this.#busy = true;
  }

  #context(plan: BackwardPlan): PromptContext {
    const options = this.#options;
    return {
      objective: options.objective,
      labels: plan.labels,
      maxValueLength: options.maxValueLength,
      maxGradientLength: options.maxGradientLength,
      ...(options.valueKinds === undefined ? {} : { valueKinds: options.valueKinds }),
    };
  }

  async #propose(outer: AbortSignal | undefined): Promise<TextGradProposal> {
    const step = this.#steps + 1;
    const options = this.#options;
    const model = `${options.model.provider}:${options.model.modelId}`;
    const graphs = gatherTraceGraphs(this.parameters);
    if (graphs.length === 0) {
      const record = {
        ...noFeedbackRecord('textgrad', step, model),
        calls: 0,
        promptMs: 0,
        costUsd: 0,
        backward: { levels: 0, gradientCalls: 0, summaryCalls: 0, calls: [] },
      };
      const state: ProposalState = { labels: new Map() };
      return { optimizer: 'textgrad', step, values: new Map(), record, state };
    }
    const started = performance.now();
    const planStarted = performance.now();
    const plan = planBackward(graphs, this.parameters);
    const context = this.#context(plan);
    const walk = new BackwardWalk(plan, context, options, outer);
    walk.promptMs += performance.now() - planStarted;
    const totals = (record: SuggestionStepRecord): TextGradStepRecord => {
      const input = walk.usage.input + record.tokens.input;
      const output = walk.usage.output + record.tokens.output;
      const price = findPrice(options.model.modelId, options.prices);
      return {
        ...record,
        tokens: { input, output },
        latencyMs: performance.now() - started,
        promptMs: walk.promptMs,
        calls: walk.usage.calls + record.attempts.length,
        costUsd: price === undefined ? null : costOf(price, input, output),
        backward: walk.summary(),
      };
    };
    let reduced: ReadonlyMap<Node, string>;
    try {
      reduced = await walk.run();
    } catch (error) {
      const record = totals({
        ...noFeedbackRecord('textgrad', step, model),
        status: 'model-error',
        error: `A backward call failed: ${error instanceof Error ? error.message : String(error)}`,
      });
      throw new ModelCallError(step, error, record);
    }
    const entries = plan.parameters
      .filter((parameter) => reduced.has(parameter))
      .map((parameter) => ({ parameter, gradient: reduced.get(parameter)! }));
    const state: ProposalState = { labels: plan.labels };
    if (entries.length === 0) {
      const record = totals({
        ...noFeedbackRecord('textgrad', step, model),
        status: 'invalid-reply',
        error:
          'No criticism reached any parameter (the feedback was empty, or every criticism on the way was), so the update was not asked for. Give feedback that says what to change.',
      });
      return { optimizer: 'textgrad', step, values: new Map(), record, state };
    }
    const user = walk.timed(() => updatePrompt(context, entries));
    const variables = new Map(
      entries.map(({ parameter }) => [plan.labels.get(parameter)!, parameter]),
    );
    const proposed = await proposeSuggestionStep({
      optimizer: 'textgrad',
      step,
      model,
      prompt: { system: updateSystemPrompt, user },
      send: (turns) =>
        walk.limiter.run(() => sendToModel(options, updateSystemPrompt, turns, { signal: outer })),
      check: checkReplyShape,
      variables,
      repairAttempts: options.repairAttempts,
      ...(options.valueKinds === undefined ? {} : { valueKinds: options.valueKinds }),
    });
    const record = totals(proposed.record);
    if (proposed.modelError !== undefined) {
      throw new ModelCallError(step, proposed.modelError, record);
    }
    const values = new Map(proposed.changes.map(({ parameter, value }) => [parameter, value]));
    return { optimizer: 'textgrad', step, values, record, state };
  }

  async #commit(proposal: TextGradProposal): Promise<TextGradStepRecord> {
    const state = this.#checkProposal(proposal);
    const changes: PlannedChange[] = [...proposal.values].map(([parameter, value]) => {
      const label = state.labels.get(parameter) ?? parameter.label;
      return { parameter, value, key: label, label };
    });
    const committed = commitSuggestionStep(proposal.record, changes);
    const record: TextGradStepRecord = { ...proposal.record, ...committed };
    this.#steps = proposal.step;
    await this.#recorder.emit(record);
    return record;
  }

  #checkProposal(proposal: TextGradProposal): ProposalState {
    const state = proposal?.state as ProposalState | undefined;
    if (
      proposal?.optimizer !== 'textgrad' ||
      !(state?.labels instanceof Map) ||
      !(proposal.values instanceof Map)
    ) {
      throw new InvalidProposalError(
        "it was not made by this optimizer's propose() (a TextGrad proposal is expected)",
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
    // TextGrad keeps no state but the step count, so a proposal made at step n applies while the
    // optimizer is at step n (again, after loadState of that state, as the trainer's searches do).
    if (proposal.step !== this.#steps + 1) {
      throw new InvalidProposalError(
        `it was made for step ${proposal.step} from another state of the optimizer (a proposal was applied or a different state loaded since; it is at step ${this.#steps}); call propose() again`,
      );
    }
    return state;
  }
}
