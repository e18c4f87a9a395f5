import {
  type ResolvedSuggestionOptions,
  resolveSuggestionOptions,
  type SuggestionOptimizerOptions,
} from '@trace/optimizer-kit';

/** Default instruction when the user gives no objective. */
export const defaultObjective = 'Find values of the variables that earn the best feedback.';

/**
 * Options of {@link OPRO}: the shared ones of every suggestion optimizer (`model`, `maxTokens`,
 * `temperature`, `json`, `repairAttempts`, `maxHistoryLength`, `valueKinds`, `logPath`, `onStep`,
 * `signal`) and the history's.
 */
export interface OproOptions extends SuggestionOptimizerOptions {
  /** What to achieve, shown as the instruction. */
  readonly objective?: string;
  /** How many (values, feedback) pairs to show, the current one included (default 20). */
  readonly historySize?: number;
  /** Cut each feedback at this many characters (default 4,000). */
  readonly maxFeedbackLength?: number;
}

/** Options with defaults filled in. */
export interface ResolvedOptions extends ResolvedSuggestionOptions {
  readonly objective: string;
  readonly historySize: number;
  readonly maxFeedbackLength: number;
}

/** Checks every option and fills in defaults; throws one InvalidOptionsError listing all problems. */
export function resolveOptions(options: OproOptions | undefined): ResolvedOptions {
  return resolveSuggestionOptions('OPRO', options, (given, problems) => ({
    historySize: problems.integer('historySize', given.historySize, { fallback: 20, min: 1 }),
    maxFeedbackLength: problems.integer('maxFeedbackLength', given.maxFeedbackLength, {
      fallback: 4000,
      min: 1,
    }),
    objective: problems.text('objective', given.objective, defaultObjective),
  }));
}
