import { afterEach, describe, expect, it } from 'vitest';
import { type LocalServer, startLocalServer } from '../../test/local-server.js';
import { chatCompletion } from '../../test/wire-formats.js';
import { AbortedError } from '../errors/aborted-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { createOpenAI } from '../providers/openai.js';
import { complete } from '../spec/complete.js';
import type { CompletionRequest, LanguageModel } from '../spec/language-model.js';
import { createFakeClock } from '../test/fake-clock.js';
import { MockLLM } from '../test/mock-llm.js';
import { createLimiter } from './limiter.js';
import { withLimits } from './with-limits.js';

let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ask = (content: string, maxTokens?: number): CompletionRequest => ({
  messages: [{ role: 'user', content }],
  ...(maxTokens === undefined ? {} : { maxTokens }),
});

/** Waits until pending promise callbacks have run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('withLimits', () => {
  it('keeps at most maxConcurrency calls in flight at a real server under 100 parallel calls', async () => {
    let inFlight = 0;
    let peak = 0;
    server = await startLocalServer(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      // Long enough that all seven requests arrive before the first answer, even on a loaded machine.
      await new Promise((resolve) => setTimeout(resolve, 50));
      inFlight -= 1;
      return { body: chatCompletion('ok') };
    });
    const model = withLimits(createOpenAI({ model: 'm', apiKey: 'k', baseURL: server.url }), {
      maxConcurrency: 7,
    });
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, index) => complete(model, ask(`q${index}`))),
    );
    expect(responses).toHaveLength(100);
    expect(server.requests).toHaveLength(100);
    expect(peak).toBe(7);
    expect(model.limiter.active).toBe(0);
    expect(model.limiter.waiting).toBe(0);
  }, 20_000);

  it('serves waiters in arrival order', async () => {
    const order: string[] = [];
    const clock = createFakeClock({ autoAdvance: false });
    const inner = new MockLLM({
      latencyMs: 10,
      clock,
      responses: (request) => {
        order.push(request.messages[0]?.content ?? '');
        return 'ok';
      },
    });
    const model = withLimits(inner, { maxConcurrency: 1 });
    const calls = ['a', 'b', 'c', 'd'].map((content) => complete(model, ask(content)));
    for (let step = 0; step < 4; step += 1) {
      await settle();
      await clock.advance(10);
    }
    await Promise.all(calls);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts at most requestsPerMinute calls in any 60-second window', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const starts: number[] = [];
    const inner: LanguageModel = {
      provider: 'test',
      modelId: 'test',
      doComplete: async () => {
        starts.push(clock.now());
        return {
          text: '',
          usage: { inputTokens: 1, outputTokens: 1 },
          modelId: 'test',
          finishReason: 'stop',
          latencyMs: 0,
        };
      },
    };
    const model = withLimits(inner, { requestsPerMinute: 3, clock });
    const calls = Array.from({ length: 7 }, (_, index) => complete(model, ask(`q${index}`)));
    await settle();
    expect(starts).toEqual([0, 0, 0]);
    await clock.advance(59_999);
    await settle();
    expect(starts).toHaveLength(3);
    await clock.advance(1);
    await settle();
    expect(starts).toEqual([0, 0, 0, 60_000, 60_000, 60_000]);
    await clock.advance(60_000);
    await Promise.all(calls);
    expect(starts.at(-1)).toBe(120_000);
  });

  it('holds a call whose tokens would pass tokensPerMinute until the window moves on', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const starts: number[] = [];
    // Each request: "abcd" is 1 token + 4 framing = 5 input tokens, plus maxTokens 45 = 50 estimated,
    // and the reply uses exactly that.
    const inner = new MockLLM({
      responses: () => {
        starts.push(clock.now());
        return { text: 'x', usage: { inputTokens: 5, outputTokens: 45 } };
      },
    });
    const model = withLimits(inner, { tokensPerMinute: 100, clock });
    const calls = [1, 2, 3].map(() => complete(model, ask('abcd', 45)));
    await settle();
    expect(starts).toEqual([0, 0]);
    await clock.advance(59_999);
    await settle();
    expect(starts).toEqual([0, 0]);
    await clock.advance(1);
    await Promise.all(calls);
    expect(starts).toEqual([0, 0, 60_000]);
  });

  it('replaces the estimate with the reported usage when a call ends', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const inner = new MockLLM({
      latencyMs: 1,
      clock,
      responses: { text: 'x', usage: { inputTokens: 5, outputTokens: 5 } },
    });
    const model = withLimits(inner, { tokensPerMinute: 100, clock });
    const calls = [1, 2, 3].map(() => complete(model, ask('abcd', 45)));
    await settle();
    expect(inner.callCount).toBe(2); // 50 + 50 estimated fill the window
    await clock.advance(1);
    await settle();
    // The first two used 10 tokens each: 20 + 50 fits, long before the window moves on.
    expect(inner.callCount).toBe(3);
    await clock.advance(1);
    await Promise.all(calls);
  });

  it('refuses at once a call whose estimate alone exceeds tokensPerMinute', async () => {
    const inner = new MockLLM();
    const model = withLimits(inner, { tokensPerMinute: 100 });
    const error = await complete(model, ask('x', 500)).catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(inner.callCount).toBe(0);
  });

  it('lets a waiting call go when its signal aborts', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const inner = new MockLLM({ latencyMs: 100, clock });
    const model = withLimits(inner, { maxConcurrency: 1 });
    const running = complete(model, ask('first'));
    const controller = new AbortController();
    const waiting = complete(model, { ...ask('second'), signal: controller.signal });
    await settle();
    expect(model.limiter.waiting).toBe(1);
    controller.abort();
    expect(AbortedError.isInstance(await waiting.catch((caught: unknown) => caught))).toBe(true);
    expect(model.limiter.waiting).toBe(0);
    await clock.advance(100);
    await running;
    expect(inner.callCount).toBe(1);
  });

  it('shares one limiter between models', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const limiter = createLimiter({ maxConcurrency: 2 });
    const a = withLimits(new MockLLM({ latencyMs: 10, clock }), { limiter });
    const b = withLimits(new MockLLM({ latencyMs: 10, clock }), { limiter });
    const calls = [complete(a, ask('1')), complete(b, ask('2')), complete(a, ask('3'))];
    await settle();
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(1);
    await clock.advance(10);
    await settle();
    await clock.advance(10);
    await Promise.all(calls);
    expect(limiter.active).toBe(0);
  });

  it('releases the slot when the call fails', async () => {
    const model = withLimits(new MockLLM({ responses: [new Error('boom'), 'ok'] }), {
      maxConcurrency: 1,
    });
    await expect(complete(model, ask('a'))).rejects.toThrow('boom');
    expect((await complete(model, ask('b'))).text).toBe('ok');
  });

  it('refuses nonsense limits', () => {
    expect(() => createLimiter({ maxConcurrency: 0 })).toThrow(ConfigurationError);
    expect(() => createLimiter({ maxConcurrency: 1.5 })).toThrow(/positive integer/);
    expect(() => createLimiter({ requestsPerMinute: -1 })).toThrow(ConfigurationError);
  });
});
