/**
 * `text` as the end of a sentence: trailing spaces removed and a period added unless it already ends
 * with `.`, `!`, `?` or `…`. For messages that continue after an interpolated one, so a cause ending
 * in a period does not read `retryable.. Call step()`.
 *
 * @example
 * endSentence('The call is retryable.'); // 'The call is retryable.'
 * endSentence('HTTP 503'); // 'HTTP 503.'
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

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
