// The errors are @trace/optimizer-kit's, shared with OptoPrime and OPRO.
// Step records and step logs come from @trace/optimizer-kit; exported here so a user of this optimizer
// needs no other import to read them.
export {
  InvalidOptionsError,
  InvalidProposalError,
  ModelCallError,
  OptimizerError,
  type OptimizerErrorCode,
  readStepLog,
  StepInProgressError,
  type StepListener,
  type StepStatus,
  type SuggestionStepRecord,
  summarizeStep,
  type ValueKind,
  type ValueKinds,
} from '@trace/optimizer-kit';
export { type BackwardPlan, planBackward } from './backward-plan.js';
export { defaultObjective, type TextGradOptions } from './options.js';
export type { TextGradRequest } from './preview-requests.js';
export type { BackwardCall, TextGradStepRecord } from './step-record.js';
export {
  TextGrad,
  type TextGradPrompt,
  type TextGradProposal,
  type TextGradState,
} from './textgrad.js';
