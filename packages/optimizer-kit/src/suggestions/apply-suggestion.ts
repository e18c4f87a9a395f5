import type { Node } from '@trace/core';
import { convertSuggestedValue } from './convert-value.js';
import type { DuplicateKey } from './json-reader.js';
import { sameData, stringifyJsonSafe, toJsonSafe } from './json-safe.js';
import { truncateText } from './render-value.js';
import { type PlannedUpdate, setAtomically } from './set-atomically.js';
import { type ValueKinds, valueKindOf } from './value-kind.js';

/** A parameter changed by a step. Values are JSON-safe copies (see `toJsonSafe`). */
export interface AppliedUpdate {
  /** The parameter's node name (`x:0`). */
  readonly name: string;
  /** The name the model saw (`x0`). */
  readonly label: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A suggested value that was not applied, and why. */
export interface RejectedUpdate {
  /** The key as the model wrote it. */
  readonly key: string;
  readonly reason: string;
  /** The suggested value (JSON-safe; cut when very long). */
  readonly value: unknown;
}

/** What happened to each entry of a suggestion. */
export interface SuggestionOutcome {
  readonly applied: readonly AppliedUpdate[];
  readonly rejected: readonly RejectedUpdate[];
  /** Labels of variables whose suggested value equals their current value. */
  readonly unchanged: readonly string[];
}

/** Options of {@link applySuggestion}. */
export interface ApplySuggestionOptions {
  /** New values by variable name, as the model sent them. */
  readonly suggestion: Readonly<Record<string, unknown>>;
  /** The variables the model may change, by the label it was shown. */
  readonly variables: ReadonlyMap<string, Node>;
  /** Keys repeated inside `suggestion` (from the reply's reader). */
  readonly duplicates?: readonly DuplicateKey[];
  /** Declared kinds of parameters (others are inferred). */
  readonly valueKinds?: ValueKinds;
  /** Longest accepted value in characters (default 200,000). */
  readonly maxValueLength?: number;
}

const previewLimit = 2000;
const listedNamesLimit = 20;

/** A converted, checked value waiting to be set, with the key and label it came under. */
export interface PlannedChange extends PlannedUpdate {
  /** The key(s) the model used, joined with `, `. */
  readonly key: string;
  /** The label the model saw. */
  readonly label: string;
}

/** What {@link planSuggestion} decided: the values to set, and what it refused or found unchanged. */
export interface SuggestionPlan {
  readonly changes: readonly PlannedChange[];
  readonly rejected: readonly RejectedUpdate[];
  /** Labels of variables whose suggested value equals their current value. */
  readonly unchanged: readonly string[];
}

/**
 * Applies a model's suggestion safely: {@link planSuggestion}, then {@link commitPlan}. Each key is
 * matched to a variable (by the label shown, or by node name); each value is converted by the
 * variable's kind and checked (constraint, compilation for code). Unknown keys, keys given twice with
 * different values and invalid values are rejected with a reason; values equal to the current one
 * are reported unchanged. The accepted values are then set together: if setting one fails, none
 * stays changed and all are reported rejected.
 *
 * @example
 * const outcome = applySuggestion({ suggestion: { x0: 2, y9: 1 }, variables: new Map([['x0', x]]) });
 * // outcome.applied: [{ name: 'x:0', label: 'x0', before: -1, after: 2 }]
 * // outcome.rejected: [{ key: 'y9', reason: 'no variable is named "y9"; the variables are: x0', value: 1 }]
 */
export function applySuggestion(options: ApplySuggestionOptions): SuggestionOutcome {
  return commitPlan(planSuggestion(options));
}

/**
 * Decides what a suggestion would change without changing anything: matches keys to variables,
 * converts and checks each value, and lists the values to set, the rejected entries and the
 * unchanged labels. Calling it any number of times leaves every parameter as it was.
 *
 * @example
 * const plan = planSuggestion({ suggestion: { x0: 2 }, variables: new Map([['x0', x]]) });
 * plan.changes; // [{ parameter: x, value: 2, key: 'x0', label: 'x0' }]; x.data is unchanged
 */
export function planSuggestion(options: ApplySuggestionOptions): SuggestionPlan {
  const { suggestion, variables } = options;
  const rejected: RejectedUpdate[] = [];
  const unchanged: string[] = [];
  const labelOf = new Map<Node, string>();
  const byName = new Map<string, Node | null>();
  for (const [label, parameter] of variables) {
    labelOf.set(parameter, label);
    byName.set(parameter.name, byName.has(parameter.name) ? null : parameter);
  }
  const conflicting = new Set(
    (options.duplicates ?? [])
      .filter((duplicate) =>
        duplicate.values.some((value) => !sameData(value, duplicate.values[0])),
      )
      .map((duplicate) => duplicate.key),
  );

  // Match keys to variables; a variable named by two keys must get one value.
  const byParameter = new Map<Node, { keys: string[]; value: unknown }>();
  for (const key of Object.keys(suggestion)) {
    const value = suggestion[key];
    const trimmed = key.trim();
    const parameter = variables.get(trimmed) ?? byName.get(trimmed) ?? undefined;
    if (parameter === undefined) {
      rejected.push({ key, reason: unknownReason(key, variables), value: preview(value) });
      continue;
    }
    if (conflicting.has(key)) {
      rejected.push({
        key,
        reason: 'the key is given more than once with different values',
        value: preview(value),
      });
      continue;
    }
    const entry = byParameter.get(parameter);
    if (entry === undefined) byParameter.set(parameter, { keys: [key], value });
    else {
      entry.keys.push(key);
      if (!sameData(entry.value, value)) entry.value = conflict;
    }
  }

  const changes: PlannedChange[] = [];
  for (const [parameter, { keys, value }] of byParameter) {
    const label = labelOf.get(parameter)!;
    const key = keys.join(', ');
    if (value === conflict) {
      const reason = `${keys.map((item) => `"${item}"`).join(' and ')} both name ${label} but give different values`;
      for (const item of keys) {
        rejected.push({ key: item, reason, value: preview(suggestion[item]) });
      }
      continue;
    }
    const conversion = convertSuggestedValue(parameter, value, {
      kind: valueKindOf(parameter, options.valueKinds),
      ...(options.maxValueLength === undefined ? {} : { maxLength: options.maxValueLength }),
    });
    if (!conversion.ok) {
      rejected.push({ key, reason: conversion.reason, value: preview(value) });
      continue;
    }
    if (sameData(conversion.value, parameter.data)) {
      unchanged.push(label);
      continue;
    }
    changes.push({ parameter, value: conversion.value, key, label });
  }
  return { changes, rejected, unchanged };
}

/**
 * Sets the values of `plan` all together, or none: when setting one throws, every parameter keeps
 * its value and each planned change is reported rejected with the error. `before` is read just
 * before setting.
 */
export function commitPlan(plan: SuggestionPlan): SuggestionOutcome {
  const { changes, unchanged } = plan;
  const rejected = [...plan.rejected];
  const befores = changes.map(({ parameter }) => toJsonSafe(parameter.data));
  try {
    setAtomically(changes);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const { key, value } of changes) {
      rejected.push({
        key,
        reason: `setting the accepted values failed (${message}); no variable was changed`,
        value: preview(value),
      });
    }
    return { applied: [], rejected, unchanged };
  }
  const applied = changes.map(({ parameter, value, label }, index) => ({
    name: parameter.name,
    label,
    before: befores[index],
    after: toJsonSafe(value),
  }));
  return { applied, rejected, unchanged };
}

const conflict = Symbol('conflicting values');

function unknownReason(key: string, variables: ReadonlyMap<string, Node>): string {
  const labels = [...variables.keys()];
  const listed = labels.slice(0, listedNamesLimit).join(', ');
  const more =
    labels.length > listedNamesLimit ? `, and ${labels.length - listedNamesLimit} more` : '';
  const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
  return labels.length === 0
    ? `no variable is named "${shown}"; there are no variables to change`
    : `no variable is named "${shown}"; the variables are: ${listed}${more}`;
}

/** A JSON-safe copy of a suggested value, cut to a preview when its JSON is very long. */
function preview(value: unknown): unknown {
  const safe = toJsonSafe(value);
  const text = typeof safe === 'string' ? safe : stringifyJsonSafe(safe);
  return text.length > previewLimit ? truncateText(text, previewLimit) : safe;
}
