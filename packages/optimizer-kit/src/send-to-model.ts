import { complete } from '@trace/llm';
import type { ResolvedSuggestionOptions } from './suggestion-options.js';
import type { ModelReply, ModelTurn } from './suggestions/index.js';

/**
 * Sends the turns with `system` to the model of `options` and returns the reply as a `ModelReply`.
 * `signal` (default: the options') cancels the call.
 */
export async function sendToModel(
  options: ResolvedSuggestionOptions,
  system: string,
  turns: readonly ModelTurn[],
  signal: AbortSignal | undefined = options.signal,
): Promise<ModelReply> {
  const response = await complete(options.model, {
    system,
    messages: turns,
    maxTokens: options.maxTokens,
    json: options.json,
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
