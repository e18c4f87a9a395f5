export { BbhError, type BbhErrorCode } from './bbh-error.js';
export { bundledBbhDataDirectory } from './bundled-data.js';
export {
  BBH_OFFICIAL_BASE_URL,
  type DownloadBbhDataOptions,
  type DownloadBbhDataResult,
  downloadBbhData,
} from './download.js';
export {
  type BbhAnswerFunction,
  type BbhEvaluation,
  type EvaluateBbhWorkflowOptions,
  evaluateBbhWorkflow,
} from './evaluate-workflow.js';
export { type BbhTaskData, loadBbhTask, loadBbhTasks } from './load-task.js';
export { bbhFeedback, isBbhAnswerCorrect } from './metric.js';
export { type BbhExample, parseBbhTaskFile } from './parse-task-file.js';
export { type BbhExampleRun, runBbhExample } from './run-example.js';
export { type BbhSplits, splitBbhExamples } from './splits.js';
export { type BbhAccuracySummary, type BbhFileResult, summarizeBbhAccuracy } from './summary.js';
export {
  BBH_TASK_FILES,
  BBH_TASKS,
  type BbhCategory,
  type BbhTask,
  bbhTaskOfFile,
} from './tasks.js';
export {
  BBH_CHAIN_OF_THOUGHT_TEMPLATE,
  BBH_CREATE_PROMPT_DESCRIPTION,
  BBH_EXTRACT_ANSWER_DESCRIPTION,
  BBH_MODEL_CALL_DESCRIPTION,
  BBH_PROMPT_TEMPLATE,
  BBH_QUESTION_PLACEHOLDER,
  BBH_TEMPLATE_DESCRIPTION,
} from './templates.js';
export {
  type BbhTrainingResult,
  type TrainBbhWorkflowOptions,
  trainBbhWorkflow,
} from './train-workflow.js';
export type { BbhTrainingCheckpoint, BbhTrainingStep } from './training-checkpoint.js';
export { type BbhModel, BbhWorkflow, type BbhWorkflowOptions } from './workflow.js';
