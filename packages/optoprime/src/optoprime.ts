import type { ParameterSource, TraceGraph } from '@trace/core';
import {
  gatherTraceGraphs,
  SuggestionOptimizer,
  type SuggestionOptimizerState,
  type SuggestionPrompt,
  type SuggestionStepRecord,
} from '@trace/optimizer-kit';
import { type OptoPrimeOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { systemPrompt } from './prompt/system-prompt.js';
import { type MemoryEntry, userPrompt } from './prompt/user-prompt.js';
import { buildProblemReport, type ProblemReport } from './report/build-report.js';
import { reportSections } from './report/report-sections.js';

/** What OptoPrime's step returns and emits. */
export type OptoPrimeStepRecord = SuggestionStepRecord;

/** The prompt a step sends, with the report it was built from. */
export interface OptoPrimePrompt {
  readonly system: string;
  readonly user: string;
  readonly report: ProblemReport;
}

/**
 * What a checkpoint keeps of OptoPrime besides the parameter values: `steps`, the steps taken so far,
 * and `memory`, the remembered (variables, feedback) pairs, oldest first.
 */
export type OptoPrimeState = SuggestionOptimizerState<'memory'>;

/**
 * The paper's optimizer: renders the trace graphs its parameters received as a pseudo-program report
 * (code, documentation, variables, constraints, inputs, intermediate values, outputs, feedback), asks
 * a model for new values, and applies them safely: values are converted by type and checked, code
 * must compile, unknown names and invalid values are rejected with reasons, and the accepted values
 * are set all together or not at all. Every step emits a JSON record.
 *
 * @example
 * const optimizer = new OptoPrime([x], { model: resolveModel(), memorySize: 3 });
 * for (let iteration = 0; iteration < 10; iteration += 1) {
 *   optimizer.zeroFeedback();
 *   const output = scope(() => program(x));
 *   optimizer.backward(output, feedbackFor(output.data));
 *   const record = await optimizer.step();
 *   console.log(summarizeStep(record));
 * }
 */
export class OptoPrime extends SuggestionOptimizer<'memory'> {
  readonly #options: ResolvedOptions;

  constructor(parameters: ParameterSource, options: OptoPrimeOptions) {
    const resolved = resolveOptions(options);
    super(parameters, {
      name: 'optoprime',
      title: 'OptoPrime',
      options: resolved,
      stateKey: 'memory',
      entryLimit: resolved.memorySize,
    });
    this.#options = resolved;
  }

  /**
   * The prompt the next step would send, with the report it was built from, or undefined when no
   * parameter holds feedback.
   */
  override render(): OptoPrimePrompt | undefined {
    const graphs = gatherTraceGraphs(this.parameters);
    return graphs.length === 0 ? undefined : this.#prompt(graphs);
  }

  /**
   * The remembered (variables, feedback) pairs, oldest first.
   * @deprecated Use `entries`, which every LLM optimizer has (OPRO's `history` is the same list).
   */
  get memory(): readonly MemoryEntry[] {
    return this.entries;
  }

  /** Builds the report and its prompt; the step remembers its (variables, feedback) pair once applied. */
  protected prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt {
    const prompt = this.#prompt(graphs);
    const { sections, variables } = prompt.report;
    const entry = { variables: sections.variables, feedback: sections.feedback };
    return { system: prompt.system, user: prompt.user, variables, entry };
  }

  #prompt(graphs: readonly TraceGraph[]): OptoPrimePrompt {
    const options = this.#options;
    const report = buildProblemReport(graphs, {
      parameters: this.parameters,
      objective: options.objective,
      hiddenSections: options.hiddenSections,
      maxValueLength: options.maxValueLength,
      maxFeedbackLength: options.maxFeedbackLength,
      ...(options.valueKinds === undefined ? {} : { valueKinds: options.valueKinds }),
    });
    // The system prompt describes every section that is not hidden, filled in this report or not.
    const hidden = new Set(options.hiddenSections);
    const visible = new Set(reportSections.filter((section) => !hidden.has(section)));
    return {
      system: systemPrompt(visible, options.inContextExample),
      user: userPrompt(report.text, this.entries, options.maxHistoryLength),
      report,
    };
  }
}
