import { checkCodeProposal, type Node } from '@trace/core';
import { readJsonValue } from './json-reader.js';
import { stringifyJsonSafe } from './json-safe.js';
import { isPlainRecord, type ValueKind } from './value-kind.js';

/** A suggested value made ready for a parameter, or why it cannot be used. */
export type Conversion =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

/** Options of {@link convertSuggestedValue}. */
export interface ConvertOptions {
  /** The parameter's kind (see `valueKindOf`). */
  readonly kind: ValueKind;
  /** Longest accepted value, in characters of its JSON text (default 200,000). */
  readonly maxLength?: number;
}

const decimalPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const fencePattern = /^\s*(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/;

/**
 * Turns a value suggested by a model into a value for `parameter`: converts it by the parameter's
 * kind (never by calling the old value's constructor), then checks its size, the parameter's
 * machine-checkable constraint, and for code that it compiles with the operator's own runner.
 *
 * Conversions: numbers accept finite numbers and decimal strings (`"2.5"`); integers also require a
 * whole number; booleans accept `true`/`false` and those words as strings; strings accept strings,
 * numbers and booleans; code accepts a string, with one wrapping Markdown fence removed; arrays and
 * records accept their JSON value or a string holding it (an array whose old items were all numbers,
 * strings or booleans must keep that item type).
 *
 * @example
 * convertSuggestedValue(x, '3.5', { kind: 'number' }); // { ok: true, value: 3.5 }
 * convertSuggestedValue(x, 'three', { kind: 'number' }); // { ok: false, reason: 'expected a number, ...' }
 */
export function convertSuggestedValue(
  parameter: Node,
  suggested: unknown,
  options: ConvertOptions,
): Conversion {
  const converted = convertByKind(parameter, suggested, options.kind);
  if (!converted.ok) return converted;
  const maxLength = options.maxLength ?? 200_000;
  const length =
    typeof converted.value === 'string'
      ? converted.value.length
      : stringifyJsonSafe(converted.value).length;
  if (length > maxLength) {
    return {
      ok: false,
      reason: `the value is ${length} characters long, over the limit of ${maxLength}`,
    };
  }
  const constraint = parameter.constraint;
  if (constraint?.validate !== undefined) {
    let reason: string | undefined;
    try {
      reason = constraint.validate(converted.value);
    } catch (error) {
      reason = `the constraint check failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (reason !== undefined) {
      return { ok: false, reason: `violates the constraint "${constraint.text}": ${reason}` };
    }
  }
  if (options.kind === 'code') {
    const check = checkCodeProposal(parameter, converted.value);
    if (!check.ok) return { ok: false, reason: check.reason };
  }
  return converted;
}

function convertByKind(parameter: Node, suggested: unknown, kind: ValueKind): Conversion {
  switch (kind) {
    case 'number':
    case 'integer':
      return toNumber(suggested, kind === 'integer');
    case 'boolean':
      return toBoolean(suggested);
    case 'string':
      if (typeof suggested === 'string') return { ok: true, value: suggested };
      if (typeof suggested === 'number' && Number.isFinite(suggested)) {
        return { ok: true, value: String(suggested) };
      }
      if (typeof suggested === 'boolean') return { ok: true, value: String(suggested) };
      return { ok: false, reason: `expected a string, got ${describeType(suggested)}` };
    case 'code':
      return toCode(suggested);
    case 'array':
      return toArray(suggested, parameter.data);
    case 'record':
      return toRecord(suggested);
    case 'json':
      return { ok: true, value: suggested };
  }
}

function toNumber(suggested: unknown, integer: boolean): Conversion {
  const expected = integer ? 'an integer' : 'a number';
  let value: number | undefined;
  if (typeof suggested === 'number') value = suggested;
  else if (typeof suggested === 'string' && decimalPattern.test(suggested.trim())) {
    value = Number(suggested.trim());
  }
  if (value === undefined) {
    return { ok: false, reason: `expected ${expected}, got ${describeType(suggested)}` };
  }
  if (!Number.isFinite(value))
    return { ok: false, reason: `expected a finite number, got ${value}` };
  if (integer && !Number.isInteger(value)) {
    return { ok: false, reason: `expected an integer, got ${value}` };
  }
  return { ok: true, value };
}

function toBoolean(suggested: unknown): Conversion {
  if (typeof suggested === 'boolean') return { ok: true, value: suggested };
  if (typeof suggested === 'string') {
    const word = suggested.trim().toLowerCase();
    if (word === 'true' || word === 'false') return { ok: true, value: word === 'true' };
  }
  return { ok: false, reason: `expected true or false, got ${describeType(suggested)}` };
}

function toCode(suggested: unknown): Conversion {
  if (typeof suggested !== 'string') {
    return {
      ok: false,
      reason: `expected the source of one function as a string, got ${describeType(suggested)}`,
    };
  }
  const fenced = fencePattern.exec(suggested);
  const source = fenced?.[2] ?? suggested;
  if (source.trim() === '') return { ok: false, reason: 'the new code is empty' };
  return { ok: true, value: source };
}

function toArray(suggested: unknown, current: unknown): Conversion {
  const value = parseIfString(suggested);
  if (!Array.isArray(value)) {
    return { ok: false, reason: `expected a JSON array, got ${describeType(suggested)}` };
  }
  const itemType = uniformItemType(current);
  if (itemType !== undefined) {
    for (const [index, item] of value.entries()) {
      const fits =
        typeof item === itemType && (itemType !== 'number' || Number.isFinite(item as number));
      if (!fits) {
        return {
          ok: false,
          reason: `item ${index} should be a ${itemType === 'number' ? 'finite number' : itemType}, like the current items; got ${describeType(item)}`,
        };
      }
    }
  }
  return { ok: true, value };
}

function toRecord(suggested: unknown): Conversion {
  const value = parseIfString(suggested);
  if (!isPlainRecord(value)) {
    return { ok: false, reason: `expected a JSON object, got ${describeType(suggested)}` };
  }
  return { ok: true, value };
}

/** A string that holds JSON is read as that JSON (models often quote structured values). */
function parseIfString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  const read = readJsonValue(text, 0);
  return read.ok && read.end === text.length ? read.value : value;
}

/** The item type of a non-empty array whose items are all numbers, all strings or all booleans. */
function uniformItemType(current: unknown): 'number' | 'string' | 'boolean' | undefined {
  if (!Array.isArray(current) || current.length === 0) return undefined;
  const first = typeof current[0];
  if (first !== 'number' && first !== 'string' && first !== 'boolean') return undefined;
  return current.every((item) => typeof item === first) ? first : undefined;
}

/** A short description of a value's type for reasons: `a string ("abc")`, `an array`, `null`. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const preview = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `a string (${JSON.stringify(preview)})`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : 'the boolean'} ${String(value)}`;
}
