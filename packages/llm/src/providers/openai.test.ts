import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../../test/local-server.js';
import { chatCompletion, openAIError } from '../../test/wire-formats.js';
import { AbortedError } from '../errors/aborted-error.js';
import { APICallError } from '../errors/api-call-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { complete } from '../spec/complete.js';
import { createOpenAI } from './openai.js';
import { createOpenAICompatible } from './openai-compatible.js';

const serve = useLocalServer();

const question = { messages: [{ role: 'user' as const, content: 'What is 2+2?' }] };

describe('createOpenAI against a Chat Completions server', () => {
  it('sends model, system, messages, max tokens, temperature and stop as the API expects', async () => {
    const local = await serve(() => ({ body: chatCompletion('4', { finishReason: 'stop' }) }));
    const model = createOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'sk-test',
      baseURL: `${local.url}/v1`,
      maxTokensField: 'max_completion_tokens',
    });
    const response = await complete(model, {
      system: 'Answer with a number.',
      messages: [
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '4' },
        { role: 'user', content: 'And 3+3?' },
      ],
      maxTokens: 10,
      temperature: 0,
      stop: ['\n'],
    });
    const received = local.requests[0];
    expect(received?.method).toBe('POST');
    expect(received?.path).toBe('/v1/chat/completions');
    expect(received?.headers.authorization).toBe('Bearer sk-test');
    expect(received?.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Answer with a number.' },
        { role: 'user', content: 'What is 2+2?' },
        { role: 'assistant', content: '4' },
        { role: 'user', content: 'And 3+3?' },
      ],
      max_completion_tokens: 10,
      temperature: 0,
      stop: ['\n'],
    });
    expect(response).toMatchObject({
      text: '4',
      usage: { inputTokens: 12, outputTokens: 5 },
      modelId: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
    });
    expect(response.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('turns on JSON mode and adds an instruction when no message mentions JSON', async () => {
    const local = await serve(() => ({ body: chatCompletion('{"answer":4}') }));
    const model = createOpenAI({ model: 'gpt-4o-mini', apiKey: 'k', baseURL: local.url });
    const response = await complete(model, { ...question, json: true });
    expect(local.requests[0]?.body.response_format).toEqual({ type: 'json_object' });
    expect(local.requests[0]?.body.messages[0]).toEqual({
      role: 'system',
      content: 'Reply with a single JSON object and nothing else.',
    });
    expect(JSON.parse(response.text)).toEqual({ answer: 4 });
  });

  it('leaves the prompt alone in JSON mode when it already asks for JSON', async () => {
    const local = await serve(() => ({ body: chatCompletion('{}') }));
    const model = createOpenAI({ model: 'gpt-4o-mini', apiKey: 'k', baseURL: local.url });
    await complete(model, { system: 'Return JSON.', ...question, json: true });
    expect(local.requests[0]?.body.messages[0]).toEqual({
      role: 'system',
      content: 'Return JSON.',
    });
  });

  it('maps finish reasons', async () => {
    const local = await serve((index) => ({
      body: chatCompletion('x', {
        finishReason: ['length', 'content_filter', 'tool_calls'][index],
      }),
    }));
    const model = createOpenAI({ model: 'm', apiKey: 'k', baseURL: local.url });
    const reasons = [];
    for (let call = 0; call < 3; call += 1)
      reasons.push((await complete(model, question)).finishReason);
    expect(reasons).toEqual(['length', 'content-filter', 'tool-calls']);
  });

  it('refuses to start without a key for api.openai.com', () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      expect(() => createOpenAI({ model: 'gpt-4o-mini' })).toThrow(ConfigurationError);
      expect(() => createOpenAI({ model: 'gpt-4o-mini' })).toThrow(/OPENAI_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.OPENAI_API_KEY = saved;
    }
  });
});

describe('createOpenAICompatible (Ollama, vLLM, llama.cpp, LM Studio)', () => {
  it('sends max_tokens, needs no key, and estimates usage the server omits', async () => {
    const local = await serve(() => ({
      body: chatCompletion('hello there', { model: 'llama3.2', usage: null }),
    }));
    const model = createOpenAICompatible({
      baseURL: `${local.url}/v1`,
      model: 'llama3.2',
      name: 'ollama',
    });
    const response = await complete(model, { ...question, maxTokens: 50 });
    expect(model.provider).toBe('ollama');
    expect(local.requests[0]?.body).toMatchObject({ model: 'llama3.2', max_tokens: 50 });
    expect(local.requests[0]?.body.max_completion_tokens).toBeUndefined();
    expect(response.usage).toEqual({ inputTokens: 3 + 4, outputTokens: 3, estimated: true });
    expect(response.modelId).toBe('llama3.2');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => createOpenAICompatible({ baseURL: 'localhost:11434', model: 'x' })).toThrow(
      /http\(s\) URL/,
    );
  });
});

describe('createOpenAI faults, each mapped to a typed error', () => {
  const model = (url: string, timeoutMs?: number) =>
    createOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'k',
      baseURL: url,
      ...(timeoutMs ? { timeoutMs } : {}),
    });

  it('429 with Retry-After: retryable, with the wait in milliseconds', async () => {
    const local = await serve(() => ({
      status: 429,
      headers: { 'retry-after': '2' },
      body: openAIError('Rate limit reached', 'requests', 'rate_limit_exceeded'),
    }));
    const error = await complete(model(local.url), question).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 2000,
      isRetryable: true,
      provider: 'openai',
    });
    expect(local.requests).toHaveLength(1); // the SDK's own retries are off
  });

  it('500: retryable; 400 and 401: not retryable', async () => {
    const local = await serve((index) => ({
      status: [500, 400, 401][index] ?? 500,
      body: openAIError(
        'x',
        ['server_error', 'invalid_request_error', 'invalid_api_key'][index] ?? '',
      ),
    }));
    const errors = [];
    for (let call = 0; call < 3; call += 1) {
      errors.push(await complete(model(local.url), question).catch((caught: unknown) => caught));
    }
    expect(
      errors.map((error) => [(error as APICallError).status, (error as APICallError).isRetryable]),
    ).toEqual([
      [500, true],
      [400, false],
      [401, false],
    ]);
    expect((errors[2] as APICallError).message).toMatch(/API key/);
    expect((errors[1] as APICallError).errorType).toBe('invalid_request_error');
  });

  it('a provider message that ends with a period is quoted without a second one', async () => {
    const local = await serve(() => ({
      status: 404,
      body: openAIError(
        'The model `gpt-none` does not exist or you do not have access to it.',
        'invalid_request_error',
        'model_not_found',
      ),
    }));
    const error = await complete(model(local.url), question).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const message = (error as APICallError).message;
    expect(message).toContain('do not have access to it. Check the model name and the base URL.');
    expect(message).not.toMatch(/\.\s*\./);
  });

  it('a connection reset: ConnectionError, retryable', async () => {
    const local = await serve(() => 'reset');
    const error = await complete(model(local.url), question).catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as ConnectionError).isRetryable).toBe(true);
  });

  it('a malformed JSON body: InvalidResponseError', async () => {
    const local = await serve(() => ({ body: '{"choices": [{"message": ' }));
    const error = await complete(model(local.url), question).catch((caught: unknown) => caught);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
  });

  it('a body that is not a chat completion: InvalidResponseError naming the endpoint', async () => {
    const local = await serve(() => ({ body: { hello: 'world' } }));
    const error = await complete(model(local.url), question).catch((caught: unknown) => caught);
    expect(InvalidResponseError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/chat\/completions/);
  });

  it('a response slower than the timeout: TimeoutError', async () => {
    const local = await serve(() => ({ body: chatCompletion('late'), delayMs: 5_000 }));
    const error = await complete(model(local.url, 100), question).catch(
      (caught: unknown) => caught,
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect((error as TimeoutError).timeoutMs).toBe(100);
  });

  it('the caller aborting: AbortedError, not retryable', async () => {
    const local = await serve(() => ({ body: chatCompletion('late'), delayMs: 5_000 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await complete(model(local.url), {
      ...question,
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(AbortedError.isInstance(error)).toBe(true);
    expect((error as AbortedError).isRetryable).toBe(false);
  });
});
