import { complete } from '@trace/llm';
import type { ModelReply, ModelTurn } from '@trace/optimizer-kit';
import type { ResolvedTextGradOptions } from './options.js';

/**
 * Sends `system` and `turns` to the model of `options` and returns the reply as a `ModelReply` (the
 * kit keeps its own sender private). `json` asks for the provider's JSON mode.
 */
export async function sendToModel(
  options: ResolvedTextGradOptions,
  system: string,
  turns: readonly ModelTurn[],
  json: boolean,
  signal: AbortSignal | undefined,
): Promise<ModelReply> {
  const response = await complete(options.model, {
    system,
    messages: turns,
    maxTokens: options.maxTokens,
    json,
    ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
    ...(signal === undefined ? {} : { signal }),
  });
  return {
    text: response.text,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    latencyMs: response.latencyMs,
    finishReason: response.finishReason,
  };
}

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
