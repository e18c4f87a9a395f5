import type { LanguageModel } from '@trace/llm';
import { OptionProblems } from './option-problems.js';
import type { StepListener, SuggestionStepRecord, ValueKinds } from './suggestions/index.js';

/** The options every suggestion optimizer takes: the model call, the reply handling, the records. */
export interface SuggestionOptimizerOptions {
  /** The model that suggests new values. */
  readonly model: LanguageModel;
  /** Most tokens the model may generate per call (default 4096). */
  readonly maxTokens?: number;
  /** Sampling temperature (default: the provider's). */
  readonly temperature?: number;
  /** Ask for the provider's JSON mode (default true). */
  readonly json?: boolean;
  /** Times an unusable reply is sent back with its problem (default 1). */
  readonly repairAttempts?: number;
  /**
   * Most characters of remembered (variables, feedback) entries, with their headers, shown in a
   * prompt (default 50,000); the oldest are left out first, and the prompt says how many.
   */
  readonly maxHistoryLength?: number;
  /** Declared kinds of parameters, e.g. `new Map([[count, 'integer']])`. */
  readonly valueKinds?: ValueKinds;
  /** Append every step record to this JSONL file. */
  readonly logPath?: string;
  /** Called with every step record. */
  readonly onStep?: StepListener<SuggestionStepRecord>;
  /** Cancels model calls in progress. */
  readonly signal?: AbortSignal;
}

/** {@link SuggestionOptimizerOptions} checked, with defaults filled in. */
export interface ResolvedSuggestionOptions {
  readonly model: LanguageModel;
  readonly maxTokens: number;
  readonly temperature: number | undefined;
  readonly json: boolean;
  readonly repairAttempts: number;
  readonly maxHistoryLength: number;
  readonly valueKinds: ValueKinds | undefined;
  readonly logPath: string | undefined;
  readonly onStep: StepListener<SuggestionStepRecord> | undefined;
  readonly signal: AbortSignal | undefined;
}

/**
 * Checks the options of an optimizer named `optimizer` (the shared ones, then its own through `own`)
 * and fills in defaults; throws one InvalidOptionsError that lists every problem. `own` reads the
 * optimizer's own options from `given` and reports problems to `problems` instead of throwing.
 *
 * @example
 * const resolved = resolveSuggestionOptions('Guess', options, (given, problems) => ({
 *   rounds: problems.integer('rounds', given.rounds, { fallback: 3, min: 1 }),
 * }));
 */
export function resolveSuggestionOptions<
  Options extends SuggestionOptimizerOptions,
  Own extends object = Record<never, never>,
>(
  optimizer: string,
  options: Options | undefined,
  own?: (given: Partial<Options>, problems: OptionProblems) => Own,
): ResolvedSuggestionOptions & Own {
  const given = (options ?? {}) as Partial<Options>;
  const problems = new OptionProblems(optimizer);
  const shared = checkSharedOptions(given, problems);
  const specific = own === undefined ? ({} as Own) : own(given, problems);
  problems.throwIfAny();
  return { ...shared, ...specific };
}

function checkSharedOptions(
  given: Partial<SuggestionOptimizerOptions>,
  problems: OptionProblems,
): ResolvedSuggestionOptions {
  const model = given.model;
  if (typeof model !== 'object' || model === null || typeof model.doComplete !== 'function') {
    problems.add(
      'options.model must be a LanguageModel (for example resolveModel() from @trace/llm, or MockLLM from @trace/llm/test)',
    );
  }
  const maxTokens = problems.integer('maxTokens', given.maxTokens, { fallback: 4096, min: 1 });
  const repairAttempts = problems.integer('repairAttempts', given.repairAttempts, {
    fallback: 1,
    min: 0,
  });
  const maxHistoryLength = problems.integer('maxHistoryLength', given.maxHistoryLength, {
    fallback: 50_000,
    min: 1,
  });
  const temperature = given.temperature;
  if (temperature !== undefined && (typeof temperature !== 'number' || !(temperature >= 0))) {
    problems.add(`options.temperature must be a number >= 0, got ${String(temperature)}`);
  }
  if (given.valueKinds !== undefined && !(given.valueKinds instanceof Map)) {
    problems.add('options.valueKinds must be a Map from parameter node to kind');
  }
  return {
    model: model as LanguageModel,
    maxTokens,
    temperature,
    json: given.json ?? true,
    repairAttempts,
    maxHistoryLength,
    valueKinds: given.valueKinds,
    logPath: given.logPath,
    onStep: given.onStep,
    signal: given.signal,
  };
}
