// The errors are @trace/optimizer-kit's, shared with OptoPrime and OPRO.
export {
  InvalidOptionsError,
  InvalidProposalError,
  ModelCallError,
  OptimizerError,
  type OptimizerErrorCode,
  StepInProgressError,
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
