// The errors are @trace/optimizer-kit's, shared with OptoPrime; the old names stay for user imports.
// Step records and step logs come from @trace/optimizer-kit; exported here so a user of this optimizer
// needs no other import to read them.
export {
  InvalidOptionsError,
  ModelCallError,
  OptimizerError as OproError,
  type OptimizerErrorCode as OproErrorCode,
  readStepLog,
  StepInProgressError,
  type StepListener,
  type StepStatus,
  type SuggestionStepRecord,
  summarizeStep,
  type ValueKind,
  type ValueKinds,
} from '@trace/optimizer-kit';
export { OPRO, type OproState, type OproStepRecord } from './opro.js';
export { defaultObjective, type OproOptions } from './options.js';
export type { HistoryEntry } from './prompt.js';
