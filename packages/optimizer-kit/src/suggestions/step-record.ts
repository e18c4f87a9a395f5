import type { AppliedUpdate, RejectedUpdate } from './apply-suggestion.js';
import type { SuggestionAttempt } from './request-suggestion.js';

/**
 * How an LLM optimizer's step ended:
 * - `updated`: at least one parameter changed;
 * - `no-change`: the model explicitly answered that nothing should change;
 * - `nothing-applied`: the model suggested values but none was applied (see `rejected`/`unchanged`);
 * - `invalid-reply`: no reply could be read, even after asking again (see `attempts`);
 * - `no-feedback`: no parameter held feedback, so the model was not called;
 * - `model-error`: the model call failed (see `error`); the step then throws.
 */
export type StepStatus =
  | 'updated'
  | 'no-change'
  | 'nothing-applied'
  | 'invalid-reply'
  | 'no-feedback'
  | 'model-error';

/**
 * One step of an LLM optimizer (OptoPrime, OPRO), as plain JSON: what was shown, what came back, what
 * changed, tokens and time. Emitted to `onStep` listeners and appended to the JSONL log.
 */
export interface SuggestionStepRecord {
  /** Which optimizer wrote the record (`optoprime`, `opro`). */
  readonly optimizer: string;
  /** Step number, from 1. */
  readonly step: number;
  readonly status: StepStatus;
  /** `provider:modelId` of the model asked. */
  readonly model: string;
  /** The prompt sent (absent when the model was not called). */
  readonly prompt?: { readonly system: string; readonly user: string };
  /** Every model call of the step, in order (a second one when the first reply was asked again). */
  readonly attempts: readonly SuggestionAttempt[];
  /** The reasoning of the reply used. */
  readonly reasoning?: string;
  /** The answer field of the reply used, when present. */
  readonly answer?: string;
  /** The suggestion of the reply used (JSON-safe). */
  readonly suggestion?: Readonly<Record<string, unknown>>;
  readonly applied: readonly AppliedUpdate[];
  readonly rejected: readonly RejectedUpdate[];
  /** Labels of variables suggested with their current value. */
  readonly unchanged: readonly string[];
  /** Tokens of all attempts. */
  readonly tokens: { readonly input: number; readonly output: number };
  /** Wall time of the step in milliseconds (model calls included). */
  readonly latencyMs: number;
  /** Why the step could not finish (invalid reply, model error). */
  readonly error?: string;
}

/**
 * A one-line summary of a step for progress output, built only from the record.
 *
 * @example
 * summarizeStep(record); // 'step 2: updated x0 -1 -> 2.5; 1 rejected (y9: no variable is named "y9"...)'
 */
export function summarizeStep(record: SuggestionStepRecord): string {
  const parts: string[] = [`step ${record.step}: ${record.status}`];
  if (record.applied.length > 0) {
    parts[0] += ` ${record.applied
      .map((update) => `${update.label} ${brief(update.before)} -> ${brief(update.after)}`)
      .join(', ')}`;
  }
  if (record.rejected.length > 0) {
    const first = record.rejected[0]!;
    parts.push(`${record.rejected.length} rejected (${first.key}: ${first.reason})`);
  }
  if (record.error !== undefined) parts.push(record.error);
  return parts.join('; ');
}

function brief(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? 'null');
  const flat = text.replace(/\\n/g, ' ').replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
