/** One turn of a conversation. The system prompt is not a message: it is `CompletionRequest.system`. */
export interface ChatMessage {
  /** Who wrote the turn. */
  readonly role: 'user' | 'assistant';
  /** The turn's text. */
  readonly content: string;
}

/**
 * What to ask a model. The same shape for every provider and every wrapper; providers translate it to
 * their wire format. `signal` cancels the call; it is never part of cache or recording keys.
 */
export interface CompletionRequest {
  /** The conversation so far, oldest first; at least one message. */
  readonly messages: readonly ChatMessage[];
  /** System prompt (instructions), sent the way the provider expects it. */
  readonly system?: string;
  /** Upper bound on generated tokens. Also the output estimate used by budgets and token limits. */
  readonly maxTokens?: number;
  /** Sampling temperature, 0 to 2 (Anthropic accepts 0 to 1). */
  readonly temperature?: number;
  /** Ask for a single JSON object as the reply (OpenAI JSON mode; Anthropic by instruction and prefill). */
  readonly json?: boolean;
  /** Stop generating at any of these strings. */
  readonly stop?: readonly string[];
  /** Cancels the call, including any wait inside wrappers (retry backoff, rate-limit queue). */
  readonly signal?: AbortSignal;
}

/** Tokens consumed by one call, as reported by the provider. */
export interface TokenUsage {
  /** Prompt tokens (system + messages). */
  readonly inputTokens: number;
  /** Generated tokens. */
  readonly outputTokens: number;
  /**
   * True when the provider did not report (all of) the usage and these counts are the cheap estimate
   * (four characters per token plus four per message), so that budgets and token limits still count.
   */
  readonly estimated?: true;
}

/** Why generation ended, normalized across providers. */
export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'other';

/** What a model answered. */
export interface CompletionResponse {
  /** The generated text (for `json: true`, the JSON text). */
  readonly text: string;
  /** Tokens consumed. */
  readonly usage: TokenUsage;
  /** The model that answered, as the provider reports it (may be a dated variant of the one asked). */
  readonly modelId: string;
  /** Why generation ended. */
  readonly finishReason: FinishReason;
  /** Wall time of the call in milliseconds, measured by whoever produced the response. */
  readonly latencyMs: number;
  /** True when the response came from a cache rather than from the model. */
  readonly cached?: boolean;
  /**
   * The model's refusal message, when it declined to answer (OpenAI's `message.refusal`). `text` is
   * then empty and `finishReason` is `content-filter`.
   */
  readonly refusal?: string;
}

/**
 * The one interface every model and every wrapper implements. Providers implement `doComplete`;
 * users call {@link complete}, which validates the request first. Wrappers (`withRetry`, `withLimits`,
 * `withBudget`, `withCache`, `withRecording`, ...) take a `LanguageModel` and return one, so they compose
 * in any order.
 *
 * @example
 * ```ts
 * const model: LanguageModel = {
 *   provider: 'echo',
 *   modelId: 'echo-1',
 *   async doComplete(request) {
 *     const text = request.messages.at(-1)?.content ?? '';
 *     return { text, usage: { inputTokens: 1, outputTokens: 1 }, modelId: 'echo-1',
 *       finishReason: 'stop', latencyMs: 0 };
 *   },
 * };
 * ```
 */
export interface LanguageModel {
  /** Provider name, e.g. `openai`, `anthropic`, `openai-compatible`, `mock`. */
  readonly provider: string;
  /** Model name as configured, e.g. `gpt-4o-mini`. Price tables and cache keys use it. */
  readonly modelId: string;
  /**
   * Provider-facing call: sends an already validated request. Call {@link complete} instead, which
   * validates and normalizes the request.
   */
  doComplete(request: CompletionRequest): Promise<CompletionResponse>;
}
