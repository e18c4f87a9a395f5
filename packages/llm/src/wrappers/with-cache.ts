import { ConfigurationError } from '../errors/configuration-error.js';
import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { canonicalRequest, type RequestIdentity, requestKey } from '../internal/request-key.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';
import { type CacheStore, createDiskCache } from './cache-store.js';

/** Options of {@link withCache}: a store, or a directory for a disk cache. */
export type CacheOptions = ({ readonly store: CacheStore } | { readonly directory: string }) & {
  /**
   * Called when the cache cannot be read or written (full disk, permissions). The call goes on: a
   * failed lookup is a miss and a failed write still returns the model's answer. Default: a
   * `process.emitWarning` for the first such failure of this wrapper.
   */
  readonly onCacheError?: (error: unknown) => void;
};

/**
 * Answers a request from the cache when the same request was answered before, and stores new answers.
 * The key is a SHA-256 of the provider, the model id and the full request (messages, system,
 * maxTokens, temperature, json, stop; object keys sorted, the signal left out). A hit returns the
 * stored response with `cached: true` and the lookup time as `latencyMs`. Errors are never cached.
 * A cache that fails (unreadable, full disk) never fails a call: a failed lookup is a miss and a
 * failed write still returns the answer; `onCacheError` hears about it (default: one warning).
 * With temperature above 0 this makes sampling deterministic: put the cache outside the wrappers that
 * cost money, so a hit skips budget, limits and retries.
 *
 * @example
 * ```ts
 * const model = withCache(createOpenAI({ model: 'gpt-4o-mini' }), { directory: '.cache/llm' });
 * ```
 */
export function withCache(model: LanguageModel, options: CacheOptions): LanguageModel {
  checkOptions('withCache', options, ['store', 'directory', 'onCacheError']);
  if ('store' in options === 'directory' in options) {
    throw new ConfigurationError({
      message:
        "withCache: pass exactly one of store and directory, e.g. withCache(model, { directory: '.trace-cache/llm' }).",
    });
  }
  const store = 'store' in options ? options.store : createDiskCache(options.directory);
  let warned = false;
  const onCacheError =
    options.onCacheError ??
    ((error: unknown) => {
      if (warned) return;
      warned = true;
      process.emitWarning(
        `@trace/llm withCache: the cache failed (${error instanceof Error ? error.message : String(error)}); calls go on without it. Pass onCacheError to handle this yourself.`,
        { code: 'TRACE_LLM_CACHE' },
      );
    });
  return {
    provider: model.provider,
    modelId: model.modelId,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      const started = performance.now();
      const identity: RequestIdentity = {
        provider: model.provider,
        modelId: model.modelId,
        request: canonicalRequest(request),
      };
      const key = requestKey(identity);
      throwIfAborted(request.signal);
      let hit: CompletionResponse | undefined;
      try {
        hit = await store.get(key);
      } catch (error) {
        onCacheError(error);
      }
      if (hit !== undefined) {
        return { ...hit, cached: true, latencyMs: performance.now() - started };
      }
      // The lookup may have taken long enough for the caller to give up: send nothing then.
      throwIfAborted(request.signal);
      const response = await model.doComplete(request);
      const { cached: _cached, ...fresh } = response;
      try {
        await store.set(key, fresh, identity);
      } catch (error) {
        // The answer is paid for: a cache that cannot store it must not cost the caller the answer.
        onCacheError(error);
      }
      return response;
    },
  };
}
