export { InvalidOptionsError } from './errors/invalid-options-error.js';
export { InvalidProposalError } from './errors/invalid-proposal-error.js';
export { ModelCallError } from './errors/model-call-error.js';
export { OptimizerError, type OptimizerErrorCode } from './errors/optimizer-error.js';
export { StepInProgressError } from './errors/step-in-progress-error.js';
export type { FeedbackEntry, SuggestionOptimizerState } from './feedback-entry.js';
export { type FittedEntries, fitEntries, omittedEntriesNote } from './history-budget.js';
export {
  ModelOptimizer,
  type ModelOptimizerConfig,
  type PreparedProposal,
  type ProposalContext,
} from './model-optimizer.js';
export { OptionProblems } from './option-problems.js';
export { checkReplyShape } from './reply-schema.js';
export { type SendOptions, sendToModel } from './send-to-model.js';
export {
  type RenderedPrompt,
  SuggestionOptimizer,
  type SuggestionOptimizerConfig,
  type SuggestionPrompt,
  type SuggestionProposal,
} from './suggestion-optimizer.js';
export {
  type ResolvedSuggestionOptions,
  resolveSuggestionOptions,
  type SuggestionOptimizerOptions,
} from './suggestion-options.js';
export * from './suggestions/index.js';
