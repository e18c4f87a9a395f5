// The errors are @trace/optimizer-kit's, shared with OPRO; the old names stay for user imports.
// Step records and step logs come from @trace/optimizer-kit; exported here so a user of this optimizer
// needs no other import to read them.
export {
  InvalidOptionsError,
  ModelCallError,
  OptimizerError as OptoPrimeError,
  type OptimizerErrorCode as OptoPrimeErrorCode,
  readStepLog,
  StepInProgressError,
  type StepListener,
  type StepStatus,
  type SuggestionStepRecord,
  summarizeStep,
  type ValueKind,
  type ValueKinds,
} from '@trace/optimizer-kit';
export type { OptoPrimeOptions } from './options.js';
export {
  OptoPrime,
  type OptoPrimePrompt,
  type OptoPrimeState,
  type OptoPrimeStepRecord,
} from './optoprime.js';
export type { MemoryEntry } from './prompt/user-prompt.js';
export {
  buildProblemReport,
  defaultObjective,
  type ProblemReport,
  type ReportOptions,
} from './report/build-report.js';
export {
  type ReportSection,
  reportSections,
  sectionHeaders,
  traceMaskedSections,
} from './report/report-sections.js';
