// Shared machinery of the LLM optimizers (OptoPrime, OPRO): reading replies, converting and checking
// suggested values, applying them all-or-nothing, and recording steps. Free of zod and of @trace/llm.
export {
  type AppliedUpdate,
  type ApplySuggestionOptions,
  applySuggestion,
  commitPlan,
  type PlannedChange,
  planSuggestion,
  type RejectedUpdate,
  type SuggestionOutcome,
  type SuggestionPlan,
} from './apply-suggestion.js';
export {
  type Conversion,
  type ConvertOptions,
  convertSuggestedValue,
  describeType,
} from './convert-value.js';
export { assignLabels } from './display-labels.js';
export {
  type ExtractJsonOptions,
  extractJsonObjects,
  type JsonCandidate,
  type JsonExtraction,
} from './extract-json.js';
export {
  type DuplicateKey,
  type JsonRead,
  type JsonReadFailure,
  type JsonReadOptions,
  readJsonValue,
} from './json-reader.js';
export { sameData, stringifyJsonSafe, toJsonSafe } from './json-safe.js';
export {
  isTextReference,
  LogTexts,
  type ParagraphDefinition,
  paragraphId,
  type TextReference,
} from './log-texts.js';
export { type EntryOptions, renderEntry } from './render-entry.js';
export { fenceCode, renderValue, truncateText } from './render-value.js';
export {
  type ModelReply,
  type ModelTurn,
  type RequestSuggestionOptions,
  requestSuggestion,
  type SuggestionAttempt,
  type SuggestionRequest,
} from './request-suggestion.js';
export {
  commitSuggestionStep,
  noFeedbackRecord,
  type ProposedSuggestionStep,
  proposeSuggestionStep,
  runSuggestionStep,
  type SuggestionStepInput,
  type SuggestionStepResult,
} from './run-suggestion-step.js';
export { type PlannedUpdate, setAtomically } from './set-atomically.js';
export { compactSuggestionRecord, readStepLog } from './step-log.js';
export { type StepStatus, type SuggestionStepRecord, summarizeStep } from './step-record.js';
export { type StepListener, StepRecorder, type StepRecorderOptions } from './step-recorder.js';
export {
  type InterpretReplyOptions,
  interpretReply,
  type ReplyInterpretation,
  type ReplyShapeCheck,
  type SuggestionReply,
} from './suggestion-reply.js';
export { feedbackText, gatherTraceGraphs } from './trace-feedback.js';
export {
  inferValueKind,
  isPlainRecord,
  typeNameOf,
  type ValueKind,
  type ValueKinds,
  valueKindOf,
} from './value-kind.js';
