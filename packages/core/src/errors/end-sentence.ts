/**
 * `text` as the end of a sentence: trailing spaces removed and a period added unless it already ends
 * with `.`, `!`, `?` or `…`. For error messages that quote another message and go on, so a quoted
 * message that ends its own sentence does not give a doubled period (`retryable.. Call step()`).
 * Shared by the error messages of every package built on core (`@trace/llm` keeps its own copy: it does
 * not depend on core).
 *
 * @example
 * endSentence('The call is retryable.'); // 'The call is retryable.'
 * endSentence('HTTP 503'); // 'HTTP 503.'
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}
