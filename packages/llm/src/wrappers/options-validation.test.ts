import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { complete } from '../spec/complete.js';
import { createFakeClock } from '../test/fake-clock.js';
import { MockLLM } from '../test/mock-llm.js';
import { createLimiter } from './limiter.js';
import { withLimits } from './with-limits.js';
import { withRetry } from './with-retry.js';
import { withTimeout } from './with-timeout.js';

describe('wrapper options', () => {
  it('unknown keys are an error naming them and the accepted ones', () => {
    const model = new MockLLM();
    expect(() => withRetry(model, { maxRetry: 3 } as never)).toThrow(
      /withRetry: unknown option "maxRetry". Accepted options: maxRetries/,
    );
    expect(() => withLimits(model, { maxConcurency: 3 } as never)).toThrow(
      /createLimiter: unknown option "maxConcurency"/,
    );
    expect(() =>
      withLimits(model, { limiter: createLimiter(), maxConcurrency: 2 } as never),
    ).toThrow(/withLimits: unknown option "maxConcurrency"/);
    expect(() => withTimeout(model, { timeoutMs: 5, timeout: 5 } as never)).toThrow(
      ConfigurationError,
    );
  });

  it('withRetry refuses nonsense numbers', () => {
    const model = new MockLLM();
    expect(() => withRetry(model, { maxRetries: -1 })).toThrow(
      /maxRetries must be an integer >= 0/,
    );
    expect(() => withRetry(model, { maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => withRetry(model, { jitter: 2 })).toThrow(/jitter/);
    expect(() => withRetry(model, { initialDelayMs: Number.NaN })).toThrow(/initialDelayMs/);
    expect(() => withRetry(model, { maxRetryAfterMs: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

describe('withTimeout deadlines', () => {
  it('refuses 0, negative, NaN and values a timer cannot hold (2^31 ms fires after 1 ms in Node)', () => {
    const model = new MockLLM();
    for (const timeoutMs of [0, -5, Number.NaN, 2 ** 31, 1e12, '100' as never]) {
      expect(() => withTimeout(model, { timeoutMs })).toThrow(
        /timeoutMs must be a number of milliseconds greater than 0 and at most 2147483647/,
      );
    }
  });

  it('Infinity means no deadline: a slow call completes', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const inner = new MockLLM({ latencyMs: 10_000_000, clock, responses: 'finally' });
    const pending = complete(
      withTimeout(inner, { timeoutMs: Number.POSITIVE_INFINITY, clock }),
      'x',
    );
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(10_000_000);
    expect((await pending).text).toBe('finally');
  });

  it('the largest allowed deadline does not fire early', async () => {
    const inner = new MockLLM({ latencyMs: 30, responses: 'ok' });
    const response = await complete(withTimeout(inner, { timeoutMs: 2 ** 31 - 1 }), 'x');
    expect(response.text).toBe('ok');
  });
});

describe('test doubles', () => {
  it('MockLLM and createFakeClock refuse unknown options too', async () => {
    const { createFakeClock: fakeClock } = await import('../test/fake-clock.js');
    expect(() => new MockLLM({ response: 'x' } as never)).toThrow(
      /MockLLM: unknown option "response"/,
    );
    expect(() => fakeClock({ autoadvance: false } as never)).toThrow(
      /unknown option "autoadvance"/,
    );
  });
});
