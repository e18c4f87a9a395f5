import {
  type OptionProblems,
  type ResolvedSuggestionOptions,
  resolveSuggestionOptions,
  type SuggestionOptimizerOptions,
} from '@trace/optimizer-kit';
import { defaultObjective } from './report/build-report.js';
import { type ReportSection, reportSections, requiredSections } from './report/report-sections.js';

/**
 * Options of {@link OptoPrime}: the shared ones of every suggestion optimizer (`model`, `maxTokens`,
 * `temperature`, `json`, `repairAttempts`, `maxHistoryLength`, `valueKinds`, `logPath`, `onStep`,
 * `signal`) and the report's.
 */
export interface OptoPrimeOptions extends SuggestionOptimizerOptions {
  /** What to achieve, shown as the instruction (default: meet what the feedback asks for). */
  readonly objective?: string;
  /** How many earlier (variables, feedback) pairs to show (default 0: no memory). */
  readonly memorySize?: number;
  /** Sections to hide; `traceMaskedSections` is the paper's "Trace Masked" ablation. */
  readonly hiddenSections?: readonly ReportSection[];
  /** Show a small worked example in the system prompt (default false). */
  readonly inContextExample?: boolean;
  /** Cut input, intermediate and output values at this many characters (default 1,000). */
  readonly maxValueLength?: number;
  /** Cut each feedback at this many characters (default 4,000). */
  readonly maxFeedbackLength?: number;
}

/** Options with defaults filled in. */
export interface ResolvedOptions extends ResolvedSuggestionOptions {
  readonly objective: string;
  readonly memorySize: number;
  readonly hiddenSections: readonly ReportSection[];
  readonly inContextExample: boolean;
  readonly maxValueLength: number;
  readonly maxFeedbackLength: number;
}

/** Checks every option and fills in defaults; throws one InvalidOptionsError listing all problems. */
export function resolveOptions(options: OptoPrimeOptions | undefined): ResolvedOptions {
  return resolveSuggestionOptions('OptoPrime', options, (given, problems) => ({
    memorySize: problems.integer('memorySize', given.memorySize, { fallback: 0, min: 0 }),
    maxValueLength: problems.integer('maxValueLength', given.maxValueLength, {
      fallback: 1000,
      min: 1,
    }),
    maxFeedbackLength: problems.integer('maxFeedbackLength', given.maxFeedbackLength, {
      fallback: 4000,
      min: 1,
    }),
    hiddenSections: checkHiddenSections(given.hiddenSections ?? [], problems),
    objective: problems.text('objective', given.objective, defaultObjective),
    inContextExample: given.inContextExample ?? false,
  }));
}

function checkHiddenSections(
  hiddenSections: readonly ReportSection[],
  problems: OptionProblems,
): readonly ReportSection[] {
  for (const section of hiddenSections) {
    if (!reportSections.includes(section)) {
      problems.add(
        `options.hiddenSections has '${String(section)}', which is not a section (sections: ${reportSections.join(', ')})`,
      );
    } else if (requiredSections.includes(section)) {
      problems.add(`options.hiddenSections cannot hide '${section}': the model needs it`);
    }
  }
  return hiddenSections;
}
