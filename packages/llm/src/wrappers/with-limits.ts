import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { estimateInputTokens } from '../spec/estimate-tokens.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';
import { createLimiter, type Limiter, type LimiterOptions } from './limiter.js';

/** A model behind a limiter; `limiter` shows how many calls run and wait. */
export interface LimitedLanguageModel extends LanguageModel {
  /** The limiter every call goes through. */
  readonly limiter: Limiter;
}

/**
 * Sends calls through a limiter (concurrency cap, requests and tokens per minute), waiting in arrival
 * order. Everything that uses the returned model shares its limits; pass `{ limiter }` to share one
 * limiter between models. A call's token estimate is its input (four characters per token) plus its
 * `maxTokens`; the provider's reported usage replaces it when the call ends. Put it inside `withRetry`
 * so each attempt is counted and backoff waits do not hold a slot.
 *
 * @example
 * ```ts
 * const model = withRetry(withLimits(base, { maxConcurrency: 16, requestsPerMinute: 500 }));
 * ```
 */
export function withLimits(
  model: LanguageModel,
  options: LimiterOptions | { readonly limiter: Limiter },
): LimitedLanguageModel {
  const shared = typeof options === 'object' && options !== null && 'limiter' in options;
  if (shared) checkOptions('withLimits', options, ['limiter']);
  const limiter = shared ? options.limiter : createLimiter(options);
  return {
    provider: model.provider,
    modelId: model.modelId,
    limiter,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      const inputEstimate = estimateInputTokens(request);
      const permit = await limiter.acquire(
        inputEstimate + (request.maxTokens ?? 0),
        request.signal,
      );
      if (request.signal?.aborted) {
        // The caller gave up while the permit was being handed over: nothing was sent.
        permit.release(0);
        throwIfAborted(request.signal);
      }
      try {
        const response = await model.doComplete(request);
        permit.release(response.usage.inputTokens + response.usage.outputTokens);
        return response;
      } catch (error) {
        // The server may have read the prompt; count the input estimate.
        permit.release(inputEstimate);
        throw error;
      }
    },
  };
}
