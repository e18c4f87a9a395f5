/**
 * The criticism in a free-text reply: the text between the first `<feedback>` and the following
 * `</feedback>` (or to the end when the closing tag is missing, as in a reply cut at the token
 * limit), else the whole reply; trimmed. Empty when the reply says nothing.
 */
export function readFeedback(text: unknown): string {
  if (typeof text !== 'string') return '';
  const open = /<feedback>/i.exec(text);
  if (open === null) return text.trim();
  const rest = text.slice(open.index + open[0].length);
  const close = /<\/feedback>/i.exec(rest);
  return (close === null ? rest : rest.slice(0, close.index)).trim();
}
