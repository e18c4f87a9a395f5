/**
 * `text` as the end of a sentence: trailing spaces removed and a period added unless it already ends
 * with `.`, `!`, `?` or `…`. For error messages that quote another error's message and go on, so a
 * message ending in a period does not read `... access to it.. Check the model name`.
 *
 * @example
 * endSentence('The model does not exist.'); // 'The model does not exist.'
 * endSentence('ECONNRESET'); // 'ECONNRESET.'
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}
