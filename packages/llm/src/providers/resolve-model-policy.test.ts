import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../../test/local-server.js';
import {
  anthropicError,
  anthropicMessage,
  chatCompletion,
  openAIError,
} from '../../test/wire-formats.js';
import { APICallError } from '../errors/api-call-error.js';
import { complete } from '../spec/complete.js';
import { MockLLM } from '../test/mock-llm.js';
import { defaultModelPolicy, resolveModel } from './resolve-model.js';

const serve = useLocalServer();
const question = { messages: [{ role: 'user' as const, content: 'What is 2+2?' }] };
const rateLimited = {
  status: 429,
  headers: { 'retry-after': '0' },
  body: openAIError('Rate limit reached', 'requests', 'rate_limit_exceeded'),
};

describe('resolveModel is safe by default', () => {
  it('documents its policy', () => {
    expect(defaultModelPolicy).toEqual({
      maxRetries: 4,
      initialDelayMs: 1000,
      maxDelayMs: 30_000,
      maxRetryAfterMs: 120_000,
      timeoutMs: 120_000,
      maxConcurrency: 8,
    });
  });

  it('a burst of 429s with Retry-After, then success, completes (OpenAI)', async () => {
    const local = await serve((index) => (index < 4 ? rateLimited : { body: chatCompletion('4') }));
    const model = resolveModel(
      { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url },
      {},
    );
    expect((await complete(model, question)).text).toBe('4');
    expect(local.requests).toHaveLength(5);
  });

  it('a burst of 529 overloaded answers, then success, completes (Anthropic)', async () => {
    const local = await serve((index) =>
      index < 3
        ? {
            status: 529,
            headers: { 'retry-after': '0' },
            body: anthropicError('overloaded_error', 'Overloaded'),
          }
        : { body: anthropicMessage('Four.') },
    );
    const model = resolveModel(
      { model: 'anthropic:claude-haiku-4-5', apiKey: 'k', baseURL: `${local.url}/v1` },
      {},
    );
    expect((await complete(model, question)).text).toBe('Four.');
    expect(local.requests).toHaveLength(4);
  });

  it('500, 502, 503 and a connection reset are retried too', async () => {
    const local = await serve((index) =>
      index === 3
        ? 'reset'
        : index < 3
          ? {
              status: [500, 502, 503][index] as number,
              headers: { 'retry-after': '0' },
              body: openAIError('oops', 'server_error'),
            }
          : { body: chatCompletion('4') },
    );
    // Only the backoff is shortened (a reset carries no Retry-After); the rest is the default.
    const model = resolveModel(
      {
        model: 'openai:gpt-4o-mini',
        apiKey: 'k',
        baseURL: local.url,
        retry: { initialDelayMs: 5 },
      },
      {},
    );
    expect((await complete(model, question)).text).toBe('4');
    expect(local.requests).toHaveLength(5);
  });

  it('400 and 401 fail at once', async () => {
    for (const status of [400, 401]) {
      const local = await serve(() => ({
        status,
        body: openAIError('no', status === 400 ? 'invalid_request_error' : 'invalid_api_key'),
      }));
      const model = resolveModel(
        { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url },
        {},
      );
      const error = await complete(model, question).catch((caught: unknown) => caught);
      expect(APICallError.isInstance(error) && error.status).toBe(status);
      expect(local.requests).toHaveLength(1);
    }
  });

  it('keeps at most 8 calls in flight by default', async () => {
    let inFlight = 0;
    let peak = 0;
    const local = await serve(() => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight -= 1;
      }, 40);
      return { body: chatCompletion('ok'), delayMs: 40 };
    });
    const model = resolveModel(
      { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url },
      {},
    );
    await Promise.all(Array.from({ length: 30 }, () => complete(model, question)));
    expect(peak).toBeLessThanOrEqual(8);
    expect(local.requests).toHaveLength(30);
  });

  it('each part can be overridden or removed', async () => {
    const local = await serve(() => rateLimited);
    const bare = resolveModel(
      { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url, retry: false },
      {},
    );
    const error = await complete(bare, question).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error) && error.status).toBe(429);
    expect(local.requests).toHaveLength(1);

    const twoRetries = resolveModel(
      { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url, retry: { maxRetries: 2 } },
      {},
    );
    await complete(twoRetries, question).catch(() => {});
    expect(local.requests).toHaveLength(1 + 3);

    expect(() =>
      resolveModel({ model: 'openai:gpt-4o-mini', apiKey: 'k', maxConcurrency: 0 }, {}),
    ).toThrow(/maxConcurrency must be a positive integer, or false/);
    expect(() =>
      resolveModel(
        {
          model: 'openai:gpt-4o-mini',
          apiKey: 'k',
          maxConcurrency: false,
          timeoutMs: Number.POSITIVE_INFINITY,
        },
        {},
      ),
    ).not.toThrow();
    expect(() =>
      resolveModel(
        { model: 'openai:gpt-4o-mini', apiKey: 'k', retry: { maxRetry: 1 } as never },
        {},
      ),
    ).toThrow(/withRetry: unknown option "maxRetry"/);
  });

  it('returns a model passed in unchanged, and refuses unknown config keys', () => {
    const mock = new MockLLM();
    expect(resolveModel({ model: mock }, {})).toBe(mock);
    expect(() =>
      resolveModel({ model: 'openai:gpt-4o-mini', apiKey: 'k', key: 'x' } as never, {}),
    ).toThrow(/resolveModel: unknown option "key"/);
  });
});
