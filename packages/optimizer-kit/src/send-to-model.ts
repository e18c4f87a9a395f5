import { complete } from '@trace/llm';
import type { ResolvedSuggestionOptions } from './suggestion-options.js';
import type { ModelReply, ModelTurn } from './suggestions/index.js';

/** How one call of {@link sendToModel} differs from the optimizer's options. */
export interface SendOptions {
  /** Cancels the call (default: the options' `signal`). */
  readonly signal?: AbortSignal | undefined;
  /** Asks for the provider's JSON mode (default: the options' `json`); free-text calls pass false. */
  readonly json?: boolean;
}

/**
 * Sends the turns with `system` to the model of `options` (its `maxTokens` and `temperature`) and
 * returns the reply as a `ModelReply`, the shape `proposeSuggestionStep` reads. The `send` of an
 * optimizer's own suggestion step, and its other model calls (TextGrad's criticism calls).
 *
 * @example
 * const reply = await sendToModel(options, 'Criticize the answer.', [{ role: 'user', content }], {
 *   json: false,
 * });
 */
export async function sendToModel(
  options: ResolvedSuggestionOptions,
  system: string,
  turns: readonly ModelTurn[],
  send: SendOptions = {},
): Promise<ModelReply> {
  const signal = send.signal ?? options.signal;
  const response = await complete(options.model, {
    system,
    messages: turns,
    maxTokens: options.maxTokens,
    json: send.json ?? options.json,
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
