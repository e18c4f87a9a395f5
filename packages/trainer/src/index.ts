export { TrainerError, type TrainerErrorCode } from './errors.js';
export { type EvaluateOptions, type Evaluation, evaluate } from './evaluation/evaluate.js';
export type {
  ExampleResult,
  PlainOutput,
  Workflow,
} from './evaluation/run-example.js';
export { meanAndStandardError } from './evaluation/statistics.js';
export { type ExactMatchOptions, exactMatch } from './guides/exact-match.js';
export type { Guide, GuideContext, Judgement, Targeted } from './guides/guide.js';
export { judgeReplySchema, type LlmJudgeOptions, llmJudge } from './guides/llm-judge.js';
export { isMultipleChoiceCorrect, multipleChoice } from './guides/multiple-choice.js';
export { type NumericTargetOptions, numericTarget } from './guides/numeric-target.js';
export {
  createProgressReporter,
  type ProgressMode,
  type ProgressReporter,
} from './progress/progress-reporter.js';
export {
  findRunDirectories,
  listCheckpoints,
  parseEvents,
  type RunDirectoryContents,
  readCheckpoint,
  readEvents,
  readFinal,
  readLatestCheckpoint,
  readManifest,
  readRunDirectory,
  runFiles,
} from './run-directory/run-reader.js';
export {
  type CheckpointInput,
  type RunEventInput,
  type RunFinalInput,
  type RunManifestInput,
  RunWriter,
  type RunWriterOptions,
} from './run-directory/run-writer.js';
export {
  type Checkpoint,
  checkpointSchema,
  type ExampleRecord,
  exampleRecordSchema,
  finalSchema,
  manifestSchema,
  type ParameterValue,
  type ProposalRecord,
  parameterValueSchema,
  proposalRecordSchema,
  type RunEvent,
  type RunFinal,
  type RunManifest,
  runEventSchema,
  runFormatVersion,
  type StepGraphRecord,
  stepGraphSchema,
  type Usage,
  usageSchema,
} from './run-directory/schemas.js';
export { type BeamSearchOptions, beamSearch } from './search/beam-search.js';
export { type BestOfNOptions, bestOfN } from './search/best-of-n.js';
export type {
  ConsideredProposal,
  Search,
  SearchContext,
  SearchState,
  SearchStepResult,
} from './search/search.js';
export { type UcbSearchOptions, ucbSearch } from './search/ucb-search.js';
export {
  type StepGraph,
  type StepGraphOptions,
  stepGraph,
} from './training/step-graph.js';
export { type StopReason, type TrainResult, train } from './training/train.js';
export type { TrainOptions } from './training/train-options.js';
