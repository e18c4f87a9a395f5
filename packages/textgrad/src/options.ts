import type { ModelPrice } from '@trace/llm';
import {
  type ResolvedSuggestionOptions,
  resolveSuggestionOptions,
  type StepListener,
  type SuggestionOptimizerOptions,
} from '@trace/optimizer-kit';
import type { TextGradStepRecord } from './step-record.js';

/** What TextGrad's update aims for when no objective is given. */
export const defaultObjective =
  'Change the variables so that the outputs they lead to meet what the feedback asks for.';

/**
 * Options of {@link TextGrad}: the shared ones of every LLM optimizer (`model`, `maxTokens`,
 * `temperature`, `json`, `repairAttempts`, `maxHistoryLength`, `valueKinds`, `logPath`, `onStep`,
 * `signal`) and the backward walk's.
 */
export interface TextGradOptions extends Omit<SuggestionOptimizerOptions, 'onStep'> {
  /** Called with every step record. */
  readonly onStep?: StepListener<TextGradStepRecord>;
  /** What to achieve, shown in every prompt (default {@link defaultObjective}). */
  readonly objective?: string;
  /**
   * A node with more gradients than this gets one summary call that merges them; up to this many
   * are joined as a numbered list (default 3).
   */
  readonly summarizeAbove?: number;
  /** Most model calls in flight at once within one backward level (default 32). */
  readonly maxConcurrency?: number;
  /** Cut values shown in prompts at this many characters (default 1,000). */
  readonly maxValueLength?: number;
  /** Cut each gradient (and the feedback) at this many characters (default 4,000). */
  readonly maxGradientLength?: number;
  /** Prices used for `costUsd` in the step record, consulted before `@trace/llm`'s list prices. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
}

/** {@link TextGradOptions} checked, with defaults filled in. */
export interface ResolvedTextGradOptions extends ResolvedSuggestionOptions {
  readonly objective: string;
  readonly summarizeAbove: number;
  readonly maxConcurrency: number;
  readonly maxValueLength: number;
  readonly maxGradientLength: number;
  readonly prices: Readonly<Record<string, ModelPrice>>;
}

/** Checks every option and fills in defaults; throws one InvalidOptionsError listing all problems. */
export function resolveTextGradOptions(
  options: TextGradOptions | undefined,
): ResolvedTextGradOptions {
  // The shared checks read onStep only as a function, so TextGrad's narrower listener passes through.
  const shared = options as (SuggestionOptimizerOptions & TextGradOptions) | undefined;
  return resolveSuggestionOptions('TextGrad', shared, (given, problems) => {
    const prices = given.prices ?? {};
    if (typeof prices !== 'object' || prices === null) {
      problems.add(
        'options.prices must be an object from model id to { inputPerMillion, outputPerMillion }',
      );
    }
    return {
      objective: problems.text('objective', given.objective, defaultObjective),
      summarizeAbove: problems.integer('summarizeAbove', given.summarizeAbove, {
        fallback: 3,
        min: 1,
      }),
      maxConcurrency: problems.integer('maxConcurrency', given.maxConcurrency, {
        fallback: 32,
        min: 1,
      }),
      maxValueLength: problems.integer('maxValueLength', given.maxValueLength, {
        fallback: 1000,
        min: 1,
      }),
      maxGradientLength: problems.integer('maxGradientLength', given.maxGradientLength, {
        fallback: 4000,
        min: 1,
      }),
      prices,
    };
  });
}
