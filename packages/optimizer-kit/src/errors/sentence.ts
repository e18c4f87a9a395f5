export { endSentence } from '@trace/core';

/**
 * `text` as a clause inside a sentence: trailing spaces and periods removed, so clauses can be joined
 * with `; ` and the sentence closed with one period.
 *
 * @example
 * asClause('options.a is wrong.'); // 'options.a is wrong'
 */
export function asClause(text: string): string {
  return text.replace(/[\s.]+$/u, '');
}
