import { type DuplicateKey, readJsonValue } from './json-reader.js';

/** One JSON object found in a reply. */
export interface JsonCandidate {
  readonly value: Record<string, unknown>;
  readonly duplicates: readonly DuplicateKey[];
  /** Where the object starts and ends in the text. */
  readonly start: number;
  readonly end: number;
}

/** The JSON objects found in a text, or the most informative reason none was found. */
export interface JsonExtraction {
  /** Top-level objects, in order (objects nested inside another are part of it, not separate). */
  readonly candidates: readonly JsonCandidate[];
  /** When no object was found: the syntax error of the attempt that read furthest, if any. */
  readonly syntaxError: string | undefined;
}

/** Options of {@link extractJsonObjects}. */
export interface ExtractJsonOptions {
  /** Most `{` positions tried (default 256): bounds the work on hostile text. */
  readonly maxAttempts?: number;
}

/**
 * Finds the JSON objects in a model's reply, wherever they are: alone, inside Markdown code fences
 * (nested fences too, since the reader follows JSON strings), or surrounded by prose. Each `{` that
 * does not start a valid object is skipped, and so are objects starting inside such a broken one; a
 * valid object is kept whole and scanning resumes after it. A reply that is one JSON string holding an object (`"{\"a\": 1}"`) is unwrapped once.
 *
 * @example
 * extractJsonObjects('Sure! ```json\n{"suggestion": {"x0": 2}}\n``` Done.').candidates[0]?.value;
 * // { suggestion: { x0: 2 } }
 */
export function extractJsonObjects(text: string, options: ExtractJsonOptions = {}): JsonExtraction {
  const maxAttempts = options.maxAttempts ?? 256;
  const trimmed = text.trim();
  if (trimmed.startsWith('"')) {
    const whole = readJsonValue(trimmed, 0);
    if (whole.ok && whole.end === trimmed.length && typeof whole.value === 'string') {
      const inner = extractJsonObjects(whole.value, { maxAttempts });
      if (inner.candidates.length > 0) return inner;
    }
  }
  const candidates: JsonCandidate[] = [];
  let furthest: { position: number; message: string } | undefined;
  let attempts = 0;
  // Objects that start inside a broken one are fragments of it (`{"s": {"x0": 1}` lacks a brace):
  // they are skipped, so a broken answer is reported as broken instead of half-read.
  let brokenUntil = -1;
  let index = text.indexOf('{');
  while (index !== -1 && attempts < maxAttempts) {
    attempts += 1;
    const read = readJsonValue(text, index);
    if (read.ok && index <= brokenUntil) {
      index = text.indexOf('{', index + 1);
      continue;
    }
    if (read.ok) {
      candidates.push({
        value: read.value as Record<string, unknown>,
        duplicates: read.duplicates,
        start: index,
        end: read.end,
      });
      index = text.indexOf('{', read.end);
      continue;
    }
    if (furthest === undefined || read.position > furthest.position) furthest = read;
    brokenUntil = Math.max(brokenUntil, read.position);
    index = text.indexOf('{', index + 1);
  }
  return {
    candidates,
    syntaxError: candidates.length === 0 ? furthest?.message : undefined,
  };
}
