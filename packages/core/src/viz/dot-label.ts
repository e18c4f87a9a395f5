/**
 * Text safe inside a DOT double-quoted string: backslashes doubled (so `\\l`, `\\N`... stay text),
 * quotes escaped, line breaks written as `\\n`, other control characters dropped to a space, and a
 * lone surrogate (half of an emoji, say) replaced by U+FFFD so the text encodes to UTF-8 unchanged.
 */
export function dotLabel(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|[\n\r\u2028\u2029]/g, '\\n')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\p{Cs}/gu, '\uFFFD');
}
