import { extractJsonObjects } from './extract-json.js';
import type { DuplicateKey } from './json-reader.js';
import { sameData } from './json-safe.js';

/** What an LLM optimizer's reply says, once read and checked. */
export interface SuggestionReply {
  /** The model's reasoning (empty when it gave none). */
  readonly reasoning: string;
  /** An answer to the instruction, when the model gave one. */
  readonly answer?: string;
  /** True when the model explicitly says no variable should change. */
  readonly noChange: boolean;
  /** New values by variable name (empty exactly when `noChange` is true). */
  readonly suggestion: Readonly<Record<string, unknown>>;
}

/**
 * Checks the shape of a JSON object read from a reply (OptoPrime and OPRO use a zod schema) and
 * returns the reply, or the problems to show the model.
 */
export type ReplyShapeCheck = (
  value: unknown,
) =>
  | { readonly ok: true; readonly reply: SuggestionReply }
  | { readonly ok: false; readonly problems: readonly string[] };

/** A usable reply, or why the text is not one (worded for the model, so it can be sent back). */
export type ReplyInterpretation =
  | {
      readonly ok: true;
      readonly reply: SuggestionReply;
      /** Keys given more than once inside `suggestion`, with all their values. */
      readonly suggestionDuplicates: readonly DuplicateKey[];
    }
  | { readonly ok: false; readonly problem: string };

/** Options of {@link interpretReply}. */
export interface InterpretReplyOptions {
  /** Longest reply read, in characters (default 200,000); longer ones are refused unread. */
  readonly maxLength?: number;
}

const replyKeys = new Set(['reasoning', 'answer', 'noChange', 'suggestion']);

/**
 * Reads a model's reply into a {@link SuggestionReply}: finds the JSON object (fences and prose
 * around it are fine), checks its shape with `check`, and checks what it means. "No change" is only
 * ever the explicit `noChange: true` with an empty `suggestion`; words in the reasoning mean nothing.
 * An answer is an object with a `suggestion` or `noChange` key; other objects are ignored.
 * Refused: an empty or over-long reply, no answer object, several different answers, a reply key given
 * twice, `noChange: true` with suggestions, and suggestions that are empty without `noChange: true`.
 *
 * @example
 * interpretReply('```json\n{"reasoning": "x0 is too small", "suggestion": {"x0": 3}}\n```', check);
 * // { ok: true, reply: { reasoning: 'x0 is too small', noChange: false, suggestion: { x0: 3 } }, ... }
 */
export function interpretReply(
  text: string,
  check: ReplyShapeCheck,
  options: InterpretReplyOptions = {},
): ReplyInterpretation {
  const maxLength = options.maxLength ?? 200_000;
  if (text.trim() === '') return { ok: false, problem: 'The reply is empty.' };
  if (text.length > maxLength) {
    return {
      ok: false,
      problem: `The reply is ${text.length} characters long, over the limit of ${maxLength}; it was not read. Send only the JSON object.`,
    };
  }
  const extraction = extractJsonObjects(text);
  const objects = extraction.candidates.filter(
    (candidate) => typeof candidate.value === 'object' && !Array.isArray(candidate.value),
  );
  if (objects.length === 0) {
    return {
      ok: false,
      problem:
        extraction.syntaxError === undefined
          ? 'The reply contains no JSON object.'
          : `The reply contains no valid JSON object: ${extraction.syntaxError}.`,
    };
  }
  // An answer names "suggestion" or "noChange"; other objects are examples or data in the prose.
  const answers = objects.filter(
    (candidate) =>
      Object.hasOwn(candidate.value, 'suggestion') || Object.hasOwn(candidate.value, 'noChange'),
  );
  if (answers.length === 0) {
    const keys = Object.keys(objects[objects.length - 1]!.value).slice(0, 10);
    return {
      ok: false,
      problem: `The JSON object has neither a "suggestion" nor a "noChange" key (its keys: ${keys.map((key) => JSON.stringify(key)).join(', ') || 'none'}).`,
    };
  }
  const accepted: { reply: SuggestionReply; duplicates: readonly DuplicateKey[] }[] = [];
  let problems: readonly string[] = [];
  for (const candidate of answers) {
    const result = check(candidate.value);
    if (result.ok) accepted.push({ reply: result.reply, duplicates: candidate.duplicates });
    else problems = result.problems;
  }
  if (accepted.length === 0) {
    return {
      ok: false,
      problem: `The JSON object does not have the expected form: ${problems.join('; ')}.`,
    };
  }
  const first = accepted[0]!;
  if (accepted.some((item) => !sameData(item.reply, first.reply))) {
    return {
      ok: false,
      problem: `The reply holds ${accepted.length} different JSON answers; send exactly one.`,
    };
  }
  const repeated = first.duplicates.find(
    (duplicate) => duplicate.path.length === 0 && replyKeys.has(duplicate.key),
  );
  if (repeated !== undefined) {
    return {
      ok: false,
      problem: `The key "${repeated.key}" appears ${repeated.values.length} times in the JSON object; give it once.`,
    };
  }
  const reply = first.reply;
  const suggested = Object.keys(reply.suggestion).length;
  if (reply.noChange && suggested > 0) {
    return {
      ok: false,
      problem: `"noChange" is true but "suggestion" has ${suggested} value(s); either set "noChange": false, or send an empty "suggestion".`,
    };
  }
  if (!reply.noChange && suggested === 0) {
    return {
      ok: false,
      problem:
        '"suggestion" is empty but "noChange" is not true; suggest new values, or set "noChange": true if nothing should change.',
    };
  }
  return {
    ok: true,
    reply,
    suggestionDuplicates: first.duplicates.filter(
      (duplicate) => duplicate.path.length === 1 && duplicate.path[0] === 'suggestion',
    ),
  };
}
