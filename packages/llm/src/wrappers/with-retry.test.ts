import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../../test/local-server.js';
import {
  anthropicError,
  anthropicMessage,
  chatCompletion,
  openAIError,
} from '../../test/wire-formats.js';
import { AbortedError } from '../errors/aborted-error.js';
import { APICallError } from '../errors/api-call-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { RetriesExhaustedError } from '../errors/retries-exhausted-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { createAnthropic } from '../providers/anthropic.js';
import { createOpenAI } from '../providers/openai.js';
import { complete } from '../spec/complete.js';
import { createFakeClock } from '../test/fake-clock.js';
import { MockLLM } from '../test/mock-llm.js';
import { type RetryEvent, withRetry } from './with-retry.js';

const serve = useLocalServer();

const question = { messages: [{ role: 'user' as const, content: 'hi' }] };
const noJitter = () => 0.5;

function openAI(url: string, timeoutMs?: number) {
  return createOpenAI({
    model: 'gpt-4o-mini',
    apiKey: 'k',
    baseURL: url,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

describe('withRetry over the OpenAI SDK and a local server', () => {
  it('waits Retry-After on 429, backs off on 500, then succeeds', async () => {
    const local = await serve((index) =>
      index === 0
        ? {
            status: 429,
            headers: { 'retry-after': '2' },
            body: openAIError('slow down', 'requests'),
          }
        : index === 1
          ? { status: 500, body: openAIError('oops', 'server_error') }
          : { body: chatCompletion('done') },
    );
    const clock = createFakeClock();
    const events: RetryEvent[] = [];
    const model = withRetry(openAI(local.url), {
      clock,
      random: noJitter,
      onRetry: (event) => events.push(event),
    });
    const response = await complete(model, question);
    expect(response.text).toBe('done');
    expect(local.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([2000, 2000]);
    expect(events.map((event) => [event.attempt, (event.error as APICallError).status])).toEqual([
      [1, 429],
      [2, 500],
    ]);
  });

  it('retries a connection reset, a timeout and a malformed body', async () => {
    const local = await serve((index) =>
      index === 0
        ? 'reset'
        : index === 1
          ? { body: chatCompletion('late'), delayMs: 5000 }
          : index === 2
            ? { body: '{"choices": [' }
            : { body: chatCompletion('ok') },
    );
    const clock = createFakeClock();
    const errors: unknown[] = [];
    // 1 s: long enough for the first (cold) request on a loaded machine, far below the 5 s reply.
    const model = withRetry(openAI(local.url, 1000), {
      clock,
      random: noJitter,
      onRetry: (event) => errors.push(event.error),
    });
    expect((await complete(model, question)).text).toBe('ok');
    expect(local.requests).toHaveLength(4);
    expect(ConnectionError.isInstance(errors[0])).toBe(true);
    expect(TimeoutError.isInstance(errors[1])).toBe(true);
    expect(InvalidResponseError.isInstance(errors[2])).toBe(true);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('gives up after maxRetries with a RetriesExhaustedError holding every error', async () => {
    const local = await serve(() => ({
      status: 503,
      body: openAIError('unavailable', 'server_error'),
    }));
    const clock = createFakeClock();
    const model = withRetry(openAI(local.url), { clock, random: noJitter, maxRetries: 3 });
    const error = await complete(model, question).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    const exhausted = error as RetriesExhaustedError;
    expect(exhausted.attempts).toBe(4);
    expect(exhausted.errors).toHaveLength(4);
    expect((exhausted.lastError as APICallError).status).toBe(503);
    expect(exhausted.message).toMatch(/Gave up after 4 attempts/);
    expect(local.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('quotes the last error once, whether or not its message ends with a period', async () => {
    const local = await serve(() => ({
      status: 503,
      body: openAIError('The engine is overloaded. Try again?', 'server_error'),
    }));
    const model = withRetry(openAI(local.url), {
      clock: createFakeClock(),
      random: noJitter,
      maxRetries: 1,
    });
    const error = await complete(model, question).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    const message = (error as RetriesExhaustedError).message;
    expect(message).toContain('The engine is overloaded. Try again? The provider failed');
    expect(message).toContain('the call is retryable. Raise maxRetries');
    expect(message).not.toMatch(/[.!?]\s*\./);
  });

  it.each([400, 401, 403, 404, 422])('never retries HTTP %i', async (status) => {
    const local = await serve(() => ({ status, body: openAIError('no', 'invalid_request_error') }));
    const clock = createFakeClock();
    const error = await complete(withRetry(openAI(local.url), { clock }), question).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).status).toBe(status);
    expect(local.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops at once when the server asks to wait longer than maxRetryAfterMs', async () => {
    const local = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '3600' },
      body: {},
    }));
    const clock = createFakeClock();
    const error = await complete(withRetry(openAI(local.url), { clock }), question).catch(
      (caught: unknown) => caught,
    );
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/wait 3600 s/);
    expect(local.requests).toHaveLength(1);
  });
});

describe('withRetry over the Anthropic SDK', () => {
  it('retries 529 overloaded_error, honouring retry-after, then succeeds', async () => {
    const local = await serve((index) =>
      index < 2
        ? {
            status: 529,
            headers: { 'retry-after': String(index + 1) },
            body: anthropicError('overloaded_error', 'Overloaded'),
          }
        : { body: anthropicMessage('fine') },
    );
    const clock = createFakeClock();
    const model = withRetry(createAnthropic({ model: 'm', apiKey: 'k', baseURL: local.url }), {
      clock,
    });
    expect((await complete(model, question)).text).toBe('fine');
    expect(local.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });
});

describe('withRetry backoff', () => {
  it('applies jitter within its spread and caps each wait', async () => {
    const failing = new MockLLM({ responses: new TimeoutError({ timeoutMs: 1 }) });
    const low = createFakeClock();
    await complete(
      withRetry(failing, { clock: low, random: () => 0, maxRetries: 6, maxDelayMs: 10_000 }),
      question,
    ).catch(() => {});
    expect(low.sleeps).toEqual([750, 1500, 3000, 6000, 7500, 7500]);
    const high = createFakeClock();
    await complete(
      withRetry(failing, { clock: high, random: () => 1, maxRetries: 2, jitter: 0.1 }),
      question,
    ).catch(() => {});
    expect(high.sleeps).toEqual([1100, 2200]);
  });

  it('stops waiting when the signal aborts during a backoff', async () => {
    const clock = createFakeClock({ autoAdvance: false });
    const model = new MockLLM({ responses: new TimeoutError({ timeoutMs: 1 }) });
    const controller = new AbortController();
    const pending = complete(withRetry(model, { clock }), {
      ...question,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(clock.pendingSleeps).toBe(1);
    controller.abort();
    const error = await pending.catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect(model.callCount).toBe(1);
  });

  it('does not retry errors that are not ours or not retryable', async () => {
    const model = new MockLLM({ responses: new Error('a bug') });
    const clock = createFakeClock();
    await expect(complete(withRetry(model, { clock }), question)).rejects.toThrow('a bug');
    expect(model.callCount).toBe(1);
  });
});
