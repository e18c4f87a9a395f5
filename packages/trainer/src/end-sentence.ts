/**
 * `text` as the end of a sentence: trailing spaces removed and a period added unless it already ends
 * with `.`, `!`, `?` or `…`. For error messages that quote another error's message and go on, so a
 * quoted message ending in a period does not give a doubled one (`bad input.. Fix the ...`).
 *
 * @example
 * endSentence('Expected a number.'); // 'Expected a number.'
 * endSentence('ENOENT'); // 'ENOENT.'
 */
export function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  return /[.!?…]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}
