import type { Node } from '@trace/core';
import {
  commitPlan,
  type PlannedChange,
  planSuggestion,
  type SuggestionPlan,
} from './apply-suggestion.js';
import { toJsonSafe } from './json-safe.js';
import {
  type ModelReply,
  type ModelTurn,
  requestSuggestion,
  type SuggestionAttempt,
} from './request-suggestion.js';
import type { SuggestionStepRecord } from './step-record.js';
import type { ReplyShapeCheck } from './suggestion-reply.js';
import type { ValueKinds } from './value-kind.js';

/** Everything one suggestion step needs; the optimizer builds the prompt and the variable map. */
export interface SuggestionStepInput {
  /** Optimizer name written in the record. */
  readonly optimizer: string;
  /** Step number, from 1. */
  readonly step: number;
  /** `provider:modelId`, written in the record. */
  readonly model: string;
  /** The prompt: system text and the user turn. */
  readonly prompt: { readonly system: string; readonly user: string };
  /** Sends turns (with the system prompt) to the model. */
  readonly send: (turns: readonly ModelTurn[]) => Promise<ModelReply>;
  /** Checks the reply's JSON shape. */
  readonly check: ReplyShapeCheck;
  /** The variables the model may change, by the label it was shown. */
  readonly variables: ReadonlyMap<string, Node>;
  readonly valueKinds?: ValueKinds;
  /** Times an unusable reply is sent back with its problem (default 1). */
  readonly repairAttempts?: number;
  /** Longest reply read (default 200,000 characters). */
  readonly maxReplyLength?: number;
  /** Longest accepted value (default 200,000 characters). */
  readonly maxValueLength?: number;
  /** Milliseconds on a monotonic scale (default `performance.now`). */
  readonly now?: () => number;
}

/** The record of a step, and the model's error when the call failed (the caller decides to throw). */
export interface SuggestionStepResult {
  readonly record: SuggestionStepRecord;
  readonly modelError?: unknown;
}

/**
 * One step of an LLM optimizer after its prompt is built: asks the model (asking again once with the
 * problem when the reply cannot be used), applies the suggestion all-or-nothing, and returns the
 * record. It never throws for anything the model sends. It is {@link proposeSuggestionStep} followed
 * by {@link commitSuggestionStep}.
 */
export async function runSuggestionStep(input: SuggestionStepInput): Promise<SuggestionStepResult> {
  const proposed = await proposeSuggestionStep(input);
  if (proposed.modelError !== undefined) {
    return { record: proposed.record, modelError: proposed.modelError };
  }
  return { record: commitSuggestionStep(proposed.record, proposed.changes) };
}

/** What {@link proposeSuggestionStep} found: the record as if applied, and the values to set. */
export interface ProposedSuggestionStep {
  /**
   * The step's record as it will read once `changes` are set: status `updated` lists them under
   * `applied` (with the current values as `before`).
   */
  readonly record: SuggestionStepRecord;
  /** The converted, checked values to set (empty unless the status is `updated`). */
  readonly changes: readonly PlannedChange[];
  /** The model's error when the call failed (the record's status is then `model-error`). */
  readonly modelError?: unknown;
}

/**
 * Asks the model and decides what its reply would change, without changing any parameter: the
 * first half of {@link runSuggestionStep}. Never throws for anything the model sends.
 */
export async function proposeSuggestionStep(
  input: SuggestionStepInput,
): Promise<ProposedSuggestionStep> {
  const now = input.now ?? (() => performance.now());
  const started = now();
  const request = await requestSuggestion({
    send: input.send,
    turns: [{ role: 'user', content: input.prompt.user }],
    check: input.check,
    ...(input.repairAttempts === undefined ? {} : { repairAttempts: input.repairAttempts }),
    ...(input.maxReplyLength === undefined ? {} : { maxReplyLength: input.maxReplyLength }),
  });
  const base = {
    optimizer: input.optimizer,
    step: input.step,
    model: input.model,
    prompt: { system: input.prompt.system, user: input.prompt.user },
    attempts: request.attempts,
    tokens: sumTokens(request.attempts),
  };
  if (!request.ok) {
    const modelError = request.kind === 'model-error';
    const error = modelError
      ? `The model call failed: ${request.error instanceof Error ? request.error.message : String(request.error)}`
      : `No usable reply after ${request.attempts.length} attempt(s): ${request.problem}`;
    const record: SuggestionStepRecord = {
      ...base,
      status: modelError ? 'model-error' : 'invalid-reply',
      applied: [],
      rejected: [],
      unchanged: [],
      latencyMs: now() - started,
      error,
    };
    return modelError
      ? { record, changes: [], modelError: request.error }
      : { record, changes: [] };
  }
  const reply = request.reply;
  const plan: SuggestionPlan = reply.noChange
    ? { changes: [], rejected: [], unchanged: [] }
    : planSuggestion({
        suggestion: reply.suggestion,
        variables: input.variables,
        duplicates: request.suggestionDuplicates,
        ...(input.valueKinds === undefined ? {} : { valueKinds: input.valueKinds }),
        ...(input.maxValueLength === undefined ? {} : { maxValueLength: input.maxValueLength }),
      });
  const status = reply.noChange
    ? 'no-change'
    : plan.changes.length > 0
      ? 'updated'
      : 'nothing-applied';
  const record: SuggestionStepRecord = {
    ...base,
    status,
    reasoning: reply.reasoning,
    ...(reply.answer === undefined ? {} : { answer: reply.answer }),
    suggestion: toJsonSafe(reply.suggestion) as Record<string, unknown>,
    applied: plan.changes.map(({ parameter, value, label }) => ({
      name: parameter.name,
      label,
      before: toJsonSafe(parameter.data),
      after: toJsonSafe(value),
    })),
    rejected: plan.rejected,
    unchanged: plan.unchanged,
    latencyMs: now() - started,
  };
  return { record, changes: plan.changes };
}

/**
 * Sets `changes` all together (the second half of {@link runSuggestionStep}) and returns `record` as
 * it then reads: `applied` with the values found just before setting, or, when setting fails, no
 * variable changed, each change rejected with the error and the status `nothing-applied`.
 */
export function commitSuggestionStep(
  record: SuggestionStepRecord,
  changes: readonly PlannedChange[],
): SuggestionStepRecord {
  if (changes.length === 0) return { ...record, applied: [] };
  const outcome = commitPlan({ changes, rejected: record.rejected, unchanged: record.unchanged });
  return {
    ...record,
    status: outcome.applied.length > 0 ? 'updated' : 'nothing-applied',
    applied: outcome.applied,
    rejected: outcome.rejected,
    unchanged: outcome.unchanged,
  };
}

/**
 * The record of a step that did not call the model because no parameter held feedback.
 */
export function noFeedbackRecord(
  optimizer: string,
  step: number,
  model: string,
): SuggestionStepRecord {
  return {
    optimizer,
    step,
    status: 'no-feedback',
    model,
    attempts: [],
    applied: [],
    rejected: [],
    unchanged: [],
    tokens: { input: 0, output: 0 },
    latencyMs: 0,
    error:
      'No parameter held feedback, so the model was not asked. Call backward(output, feedback) before step().',
  };
}

function sumTokens(attempts: readonly SuggestionAttempt[]): { input: number; output: number } {
  let input = 0;
  let output = 0;
  for (const attempt of attempts) {
    input += attempt.inputTokens;
    output += attempt.outputTokens;
  }
  return { input, output };
}
