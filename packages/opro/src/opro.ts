import {
  codeParameterOperatorName,
  type Node,
  type ParameterSource,
  type TraceGraph,
} from '@trace/core';
import {
  assignLabels,
  feedbackText,
  renderEntry,
  SuggestionOptimizer,
  type SuggestionOptimizerState,
  type SuggestionPrompt,
  type SuggestionStepRecord,
  truncateText,
} from '@trace/optimizer-kit';
import { type OproOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type HistoryEntry, oproSystemPrompt, oproUserPrompt } from './prompt.js';

/** What OPRO's step returns and emits (the same record as OptoPrime's). */
export type OproStepRecord = SuggestionStepRecord;

/**
 * What a checkpoint keeps of OPRO besides the parameter values: `steps`, the steps taken so far, and
 * `history`, the (values, feedback) pairs, oldest first.
 */
export type OproState = SuggestionOptimizerState<'history'>;

/**
 * The OPRO baseline (Yang et al.), extended to feedback as in the Trace paper: it keeps the history
 * of (parameter values, feedback) pairs and asks the model for better values, without ever seeing
 * the program's graph. Replies are read, converted, checked and applied by the same machinery as
 * OptoPrime's (all-or-nothing, unknown names and invalid values rejected with reasons).
 *
 * @example
 * const optimizer = new OPRO([x], { model: resolveModel() });
 * optimizer.zeroFeedback();
 * optimizer.backward(program(x), 'The output should be larger.');
 * const record = await optimizer.step();
 */
export class OPRO extends SuggestionOptimizer<'history'> {
  readonly #options: ResolvedOptions;
  readonly #labels: ReadonlyMap<Node, string>;

  constructor(parameters: ParameterSource, options: OproOptions) {
    const resolved = resolveOptions(options);
    super(parameters, {
      name: 'opro',
      title: 'OPRO',
      options: resolved,
      stateKey: 'history',
      entryLimit: resolved.historySize,
    });
    this.#options = resolved;
    this.#labels = assignLabels(this.parameters);
  }

  /**
   * The (values, feedback) pairs kept, oldest first.
   * @deprecated Use `entries`, which every LLM optimizer has (OptoPrime's `memory` is the same list).
   */
  get history(): readonly HistoryEntry[] {
    return this.entries;
  }

  /**
   * Shows the history with the current values and their feedback as the newest attempt; the step
   * adds that attempt to the history once applied.
   */
  protected prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt {
    const entry = { variables: this.#renderVariables(), feedback: this.#feedback(graphs) };
    const history = this.entriesWith(entry);
    const user = oproUserPrompt(
      this.#options.objective,
      this.#constraints(),
      history,
      this.#options.maxHistoryLength,
    );
    const variables = new Map<string, Node>();
    for (const [parameter, label] of this.#labels) variables.set(label, parameter);
    return { system: oproSystemPrompt, user, variables, entry };
  }

  #renderVariables(): string {
    const kinds = this.#options.valueKinds;
    return this.parameters
      .map((parameter) =>
        renderEntry(parameter, {
          label: this.#labels.get(parameter)!,
          isVariable: true,
          ...(kinds === undefined ? {} : { valueKinds: kinds }),
        }),
      )
      .join('\n');
  }

  #constraints(): string[] {
    const lines: string[] = [];
    for (const parameter of this.parameters) {
      const label = this.#labels.get(parameter)!;
      if (parameter.constraint !== undefined) lines.push(`${label}: ${parameter.constraint.text}`);
      const operator = codeParameterOperatorName(parameter);
      if (operator !== undefined) {
        lines.push(
          `${label}: the complete source of one JavaScript function, run as operator ${operator}.`,
        );
      }
    }
    return lines;
  }

  #feedback(graphs: readonly TraceGraph[]): string {
    const limit = this.#options.maxFeedbackLength;
    const texts = graphs.map((graph) => truncateText(feedbackText(graph.userFeedback), limit));
    if (texts.length === 1) return texts[0]!;
    return texts.map((text, index) => `${index + 1}. ${text.replace(/\n/g, '\n   ')}`).join('\n');
  }
}
