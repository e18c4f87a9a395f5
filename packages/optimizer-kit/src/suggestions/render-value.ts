import { boundedJson } from './bounded-json.js';
import { stringifyJsonSafe } from './json-safe.js';

/**
 * Cuts `text` to `limit` characters and says so with a visible marker that gives the full length,
 * so a model never mistakes a cut value for the whole one.
 *
 * @example
 * truncateText('abcdefghij', 4); // 'abcd…[cut: 6 more characters of 10]'
 */
export function truncateText(text: string, limit: number | undefined): string {
  if (limit === undefined || text.length <= limit) return text;
  const kept = keptLength(text, limit);
  return `${text.slice(0, kept)}…[cut: ${text.length - kept} more characters of ${text.length}]`;
}

/** How much of `text` to keep under `limit`, never ending between the two halves of a surrogate pair. */
function keptLength(text: string, limit: number): number {
  let kept = Math.max(0, Math.floor(limit));
  const last = text.charCodeAt(kept - 1);
  if (kept > 0 && last >= 0xd800 && last <= 0xdbff) kept -= 1;
  return kept;
}

/**
 * A value as optimizers show it: numbers and booleans as literals (`-1`, `-0`, `NaN`), strings as
 * JSON string literals (exact, whitespace visible), `undefined` as `undefined`, anything else as
 * JSON (a value with `toJSON`, such as a URL, as what it returns). Cut to `limit` characters with a
 * visible marker; a huge structure is only written up to a few times `limit`, and its marker then
 * says that it is longer without counting it all.
 */
export function renderValue(value: unknown, limit?: number): string {
  let text: string;
  if (typeof value === 'number') text = Object.is(value, -0) ? '-0' : String(value);
  else if (typeof value === 'boolean') text = String(value);
  else if (value === undefined) text = 'undefined';
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (limit === undefined) text = stringifyJsonSafe(value);
  else {
    const written = boundedJson(value, Math.max(4 * limit, limit + 10_000));
    if (!written.complete) {
      const kept = keptLength(written.text, limit);
      return `${written.text.slice(0, kept)}…[cut: more than ${written.text.length - kept} more characters]`;
    }
    text = written.text;
  }
  return truncateText(text, limit);
}

/**
 * Source code shown between fences long enough not to clash with backticks inside it.
 *
 * @example
 * fenceCode('function f() { return 1; }'); // '```js\nfunction f() { return 1; }\n```'
 */
export function fenceCode(source: string): string {
  let longest = 0;
  for (const run of source.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}js\n${source}\n${fence}`;
}
