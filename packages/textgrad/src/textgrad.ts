import type { Node, ParameterSource, Proposal, TraceGraph } from '@trace/core';
import { costOf, findPrice } from '@trace/llm';
import {
  checkReplyShape,
  type FeedbackEntry,
  gatherTraceGraphs,
  InvalidOptionsError,
  ModelCallError,
  ModelOptimizer,
  noFeedbackRecord,
  type PreparedProposal,
  type ProposalContext,
  proposeSuggestionStep,
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
export class TextGrad extends ModelOptimizer<TextGradStepRecord> {
  readonly #options: ResolvedTextGradOptions;

  constructor(parameters: ParameterSource, options: TextGradOptions) {
    const resolved = resolveTextGradOptions(options);
    super(parameters, { name: 'textgrad', title: 'TextGrad', options: resolved });
    this.#options = resolved;
  }

  /**
   * The remembered (variables, feedback) entries of the other LLM optimizers' interface: always
   * empty, since TextGrad keeps no history between steps.
   */
  get entries(): readonly FeedbackEntry[] {
    return [];
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

  /** The step count, for checkpoints (parameter values are saved separately). */
  exportState(): TextGradState {
    return { steps: this.steps };
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
    this.restoreSteps(steps);
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

  /**
   * The backward walk (criticism and summary calls, level by level), then the update call: the
   * record, with the whole step's calls, tokens, cost and time, and the values the update proposes.
   */
  protected override async prepareProposal(
    graphs: readonly TraceGraph[],
    { step, model, signal: outer }: ProposalContext,
  ): Promise<PreparedProposal<TextGradStepRecord>> {
    const options = this.#options;
    if (graphs.length === 0) {
      const record = {
        ...noFeedbackRecord('textgrad', step, model),
        calls: 0,
        promptMs: 0,
        costUsd: 0,
        backward: { levels: 0, gradientCalls: 0, summaryCalls: 0, calls: [] },
      };
      return { record, changes: [] };
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
    if (entries.length === 0) {
      const record = totals({
        ...noFeedbackRecord('textgrad', step, model),
        status: 'invalid-reply',
        error:
          'No criticism reached any parameter (the feedback was empty, or every criticism on the way was), so the update was not asked for. Give feedback that says what to change.',
      });
      return { record, changes: [] };
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
    return { record, changes: proposed.changes };
  }
}
