import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../../test/local-server.js';
import { anthropicMessage, chatCompletion } from '../../test/wire-formats.js';
import { AbortedError } from '../errors/aborted-error.js';
import { createAnthropic } from '../providers/anthropic.js';
import { createOpenAI } from '../providers/openai.js';
import type { CompletionRequest, LanguageModel } from '../spec/language-model.js';
import { MockLLM } from '../test/mock-llm.js';
import { createMemoryCache } from './cache-store.js';
import { withBudget } from './with-budget.js';
import { withCache } from './with-cache.js';
import { withLimits } from './with-limits.js';
import { withRetry } from './with-retry.js';
import { withTimeout } from './with-timeout.js';

const serve = useLocalServer();

const abortedRequest = (): CompletionRequest => {
  const controller = new AbortController();
  controller.abort(new Error('the caller gave up'));
  return { messages: [{ role: 'user', content: 'hi' }], signal: controller.signal };
};

const wrappers: Record<string, (inner: LanguageModel) => LanguageModel> = {
  withRetry: (inner) => withRetry(inner),
  withTimeout: (inner) => withTimeout(inner, { timeoutMs: 1000 }),
  withLimits: (inner) => withLimits(inner, { maxConcurrency: 2 }),
  withBudget: (inner) => withBudget(inner, { maxTokens: 10_000 }),
  withCache: (inner) => withCache(inner, { store: createMemoryCache() }),
};

describe('a signal that aborted before the call', () => {
  for (const [name, wrap] of Object.entries(wrappers)) {
    it(`${name}: sends nothing and throws AbortedError (doComplete called directly)`, async () => {
      const inner = new MockLLM();
      const error = await wrap(inner)
        .doComplete(abortedRequest())
        .catch((caught: unknown) => caught);
      expect(AbortedError.isInstance(error)).toBe(true);
      expect(inner.callCount).toBe(0);
    });
  }

  it('providers send no HTTP request (OpenAI and Anthropic)', async () => {
    const local = await serve((index) => ({
      body: index === 0 ? chatCompletion('x') : anthropicMessage('x'),
    }));
    const openai = createOpenAI({ model: 'gpt-4o-mini', apiKey: 'k', baseURL: local.url });
    const anthropic = createAnthropic({ model: 'm', apiKey: 'k', baseURL: local.url });
    for (const model of [openai, anthropic]) {
      const error = await model.doComplete(abortedRequest()).catch((caught: unknown) => caught);
      expect(AbortedError.isInstance(error)).toBe(true);
    }
    expect(local.requests).toHaveLength(0);
  });

  it('an abort during the cache lookup sends no paid request', async () => {
    const controller = new AbortController();
    const store = createMemoryCache();
    const slowStore = {
      get: async (key: string) => {
        controller.abort();
        return store.get(key);
      },
      set: store.set,
    };
    const inner = new MockLLM();
    const error = await withCache(inner, { store: slowStore })
      .doComplete({ messages: [{ role: 'user', content: 'hi' }], signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(inner.callCount).toBe(0);
  });

  it('an abort while waiting for a retry ends the call without another attempt', async () => {
    const controller = new AbortController();
    const inner = new MockLLM({
      responses: () => {
        controller.abort();
        return 'late';
      },
    });
    const model = withRetry(withTimeout(inner, { timeoutMs: 1000 }));
    const error = await model
      .doComplete({ messages: [{ role: 'user', content: 'hi' }], signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(inner.callCount).toBe(1);
  });
});

describe('many calls sharing one AbortSignal', () => {
  it('100 concurrent calls through every wrapper and a provider print no MaxListenersExceededWarning', async () => {
    const local = await serve(() => ({ body: chatCompletion('ok'), delayMs: 20 }));
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const model = withCache(
        withBudget(
          withRetry(
            withLimits(
              withTimeout(createOpenAI({ model: 'gpt-4o-mini', apiKey: 'k', baseURL: local.url }), {
                timeoutMs: 10_000,
              }),
              { maxConcurrency: 50, requestsPerMinute: 10_000 },
            ),
          ),
          { maxTokens: 1_000_000 },
        ),
        { store: createMemoryCache() },
      );
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          model.doComplete({
            messages: [{ role: 'user', content: `q${index}` }],
            signal: controller.signal,
          }),
        ),
      );
      expect(responses).toHaveLength(100);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual(
        [],
      );
    } finally {
      process.off('warning', onWarning);
    }
  }, 20_000);

  it('an abort still reaches every one of 100 waiting calls', async () => {
    const controller = new AbortController();
    const inner = new MockLLM({ latencyMs: 10_000 });
    const model = withLimits(withTimeout(inner, { timeoutMs: 60_000 }), { maxConcurrency: 10 });
    const calls = Array.from({ length: 100 }, (_, index) =>
      model
        .doComplete({
          messages: [{ role: 'user', content: `q${index}` }],
          signal: controller.signal,
        })
        .catch((caught: unknown) => caught),
    );
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const errors = await Promise.all(calls);
    expect(errors.every((error) => AbortedError.isInstance(error))).toBe(true);
    expect(model.limiter.active).toBe(0);
    expect(model.limiter.waiting).toBe(0);
  });
});
