import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLocalServer } from '../../test/local-server.js';
import { anthropicMessage, chatCompletion, openAIError } from '../../test/wire-formats.js';
import { isRetryableStatus } from '../errors/api-call-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { advice } from '../internal/map-sdk-error.js';
import { complete } from '../spec/complete.js';
import { withBudget } from '../wrappers/with-budget.js';
import { createAnthropic } from './anthropic.js';
import { createOpenAI } from './openai.js';
import { createOpenAICompatible } from './openai-compatible.js';
import { resolveModel } from './resolve-model.js';

const serve = useLocalServer();
const question = { messages: [{ role: 'user' as const, content: 'What is 2+2?' }] };

/** A fetch that answers every request with `body` and records what was sent. */
function recordingFetch(body: unknown) {
  const sent: { url: string; headers: Headers; body: any }[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(input instanceof Request ? input.url : input),
      headers: new Headers(init?.headers),
      body: JSON.parse(String(init?.body)),
    });
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('Anthropic usage', () => {
  it('estimates usage the response leaves out, says so, and a budget charges it', async () => {
    const body = anthropicMessage('Four.');
    delete (body as { usage?: unknown }).usage;
    const local = await serve(() => ({ body }));
    const model = withBudget(createAnthropic({ model: 'm', apiKey: 'k', baseURL: local.url }), {
      maxTokens: 100_000,
    });
    const response = await complete(model, question);
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(model.budget.spent.inputTokens + model.budget.spent.outputTokens).toBeGreaterThan(0);
  });

  it('reported usage is not marked estimated', async () => {
    const local = await serve(() => ({ body: anthropicMessage('Four.') }));
    const response = await complete(
      createAnthropic({ model: 'm', apiKey: 'k', baseURL: local.url }),
      question,
    );
    expect(response.usage).toEqual({ inputTokens: 20, outputTokens: 7 });
  });
});

describe('empty keys are absent keys', () => {
  it('OPENAI_API_KEY="" for api.openai.com: a ConfigurationError naming the variable', () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    expect(() => createOpenAI({ model: 'gpt-4o-mini' })).toThrow(ConfigurationError);
    expect(() => createOpenAI({ model: 'gpt-4o-mini', apiKey: '  ' })).toThrow(/OPENAI_API_KEY/);
    expect(() =>
      createOpenAI({ model: 'gpt-4o-mini', baseURL: 'https://api.openai.com/v1' }),
    ).toThrow(/OPENAI_API_KEY/);
  });

  it('OPENAI_API_KEY="" with a local baseURL: works, no key needed', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    const local = await serve(() => ({ body: chatCompletion('4') }));
    const response = await complete(createOpenAI({ model: 'llama', baseURL: local.url }), question);
    expect(response.text).toBe('4');
  });

  it('ANTHROPIC_API_KEY="": a ConfigurationError, not a model that sends an empty key', () => {
    vi.stubEnv('ANTHROPIC_API_KEY', '');
    expect(() => createAnthropic({ model: 'claude-haiku-4-5' })).toThrow(/ANTHROPIC_API_KEY/);
    expect(() => createAnthropic({ model: 'claude-haiku-4-5', apiKey: '' })).toThrow(
      ConfigurationError,
    );
    // Naming Anthropic's own API explicitly still needs a key.
    expect(() =>
      createAnthropic({ model: 'claude-haiku-4-5', baseURL: 'https://api.anthropic.com/v1' }),
    ).toThrow(/ANTHROPIC_API_KEY/);
    expect(() =>
      resolveModel(
        { model: 'anthropic:claude-haiku-4-5' },
        { ANTHROPIC_BASE_URL: 'https://api.anthropic.com', ANTHROPIC_API_KEY: '' },
      ),
    ).toThrow(/ANTHROPIC_API_KEY/);
  });

  it('resolveModel treats empty keys and an empty config.apiKey as absent', () => {
    expect(() => resolveModel({}, { OPENAI_API_KEY: '', ANTHROPIC_API_KEY: ' ' })).toThrow(
      /No language model is configured/,
    );
    expect(() => resolveModel({ model: 'anthropic:claude-haiku-4-5', apiKey: '' }, {})).toThrow(
      /ANTHROPIC_API_KEY/,
    );
  });
});

describe('max_tokens or max_completion_tokens, by host', () => {
  it('api.openai.com gets max_completion_tokens even when its URL is given explicitly', async () => {
    const { fetch, sent } = recordingFetch(chatCompletion('4'));
    const model = createOpenAI({
      model: 'gpt-4o-mini',
      apiKey: 'k',
      baseURL: 'https://api.openai.com/v1',
      fetch,
    });
    await complete(model, { ...question, maxTokens: 9 });
    expect(sent[0]?.body.max_completion_tokens).toBe(9);
    expect(sent[0]?.body.max_tokens).toBeUndefined();
  });

  it('any other host gets max_tokens', async () => {
    const local = await serve(() => ({ body: chatCompletion('4') }));
    await complete(createOpenAI({ model: 'm', apiKey: 'k', baseURL: local.url }), {
      ...question,
      maxTokens: 9,
    });
    expect(local.requests[0]?.body.max_tokens).toBe(9);
  });
});

describe('OPENAI_ORG_ID and OPENAI_PROJECT_ID', () => {
  it('are sent to api.openai.com', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-123');
    vi.stubEnv('OPENAI_PROJECT_ID', 'proj_456');
    const { fetch, sent } = recordingFetch(chatCompletion('4'));
    await complete(createOpenAI({ model: 'gpt-4o-mini', apiKey: 'k', fetch }), question);
    expect(sent[0]?.headers.get('openai-organization')).toBe('org-123');
    expect(sent[0]?.headers.get('openai-project')).toBe('proj_456');
  });

  it('resolveModel passes them from its env to api.openai.com', async () => {
    const { fetch, sent } = recordingFetch(chatCompletion('4'));
    vi.stubGlobal('fetch', fetch);
    try {
      const model = resolveModel(
        {},
        { OPENAI_API_KEY: 'k', OPENAI_ORG_ID: 'org-9', OPENAI_PROJECT_ID: 'proj_9' },
      );
      await complete(model, question);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(sent[0]?.url).toMatch(/^https:\/\/api\.openai\.com\/v1\/chat\/completions/);
    expect(sent[0]?.headers.get('openai-organization')).toBe('org-9');
    expect(sent[0]?.headers.get('openai-project')).toBe('proj_9');
  });

  it('are not sent to another host unless given in the settings', async () => {
    vi.stubEnv('OPENAI_ORG_ID', 'org-123');
    const local = await serve(() => ({ body: chatCompletion('4') }));
    await complete(createOpenAICompatible({ model: 'm', baseURL: local.url }), question);
    expect(local.requests[0]?.headers['openai-organization']).toBeUndefined();
  });
});

describe('HTTP error advice matches retryability', () => {
  it('408 and 409 say the call is retryable', async () => {
    const local = await serve((index) => ({
      status: index === 0 ? 408 : 409,
      body: openAIError('x', 'server_error'),
    }));
    const model = createOpenAI({ model: 'm', apiKey: 'k', baseURL: local.url });
    for (const status of [408, 409]) {
      const error = (await complete(model, question).catch(
        (caught: unknown) => caught,
      )) as Error & {
        isRetryable: boolean;
      };
      expect(error.isRetryable).toBe(true);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message).toMatch(/retryable/);
      expect(error.message).not.toMatch(/will not succeed/);
    }
  });

  it('for every status from 400 to 599', () => {
    for (let status = 400; status < 600; status += 1) {
      const text = advice(status);
      if (isRetryableStatus(status)) expect(text, String(status)).not.toMatch(/will not succeed/);
      else expect(text, String(status)).not.toMatch(/retryable/);
    }
  });
});

describe('timeouts', () => {
  it('every provider refuses a timeout a timer cannot hold, 0, NaN and negative', () => {
    for (const timeoutMs of [2 ** 31, 0, Number.NaN, -1]) {
      expect(() => createOpenAI({ model: 'm', apiKey: 'k', timeoutMs })).toThrow(
        /timeoutMs must be a number of milliseconds greater than 0 and at most 2147483647/,
      );
      expect(() => createAnthropic({ model: 'm', apiKey: 'k', timeoutMs })).toThrow(
        ConfigurationError,
      );
      expect(() =>
        resolveModel({ model: 'openai:gpt-4o-mini', apiKey: 'k', timeoutMs }, {}),
      ).toThrow(ConfigurationError);
    }
  });

  it('Infinity means no deadline (it neither throws nor times out at once)', async () => {
    const local = await serve((index) => ({
      body: index === 0 ? chatCompletion('late') : anthropicMessage('late'),
      delayMs: 50,
    }));
    const openai = createOpenAI({
      model: 'm',
      apiKey: 'k',
      baseURL: local.url,
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    const anthropic = createAnthropic({
      model: 'm',
      apiKey: 'k',
      baseURL: local.url,
      timeoutMs: Number.POSITIVE_INFINITY,
    });
    expect((await complete(openai, question)).text).toBe('late');
    expect((await complete(anthropic, question)).text).toBe('late');
  });
});

describe('unusual chat completion messages', () => {
  it('content as an array of text parts is joined', async () => {
    const body = chatCompletion(null);
    (body.choices as { message: { content: unknown } }[])[0]!.message.content = [
      { type: 'text', text: 'Four' },
      { type: 'text', text: ' (4).' },
    ];
    const local = await serve(() => ({ body }));
    const response = await complete(
      createOpenAI({ model: 'm', apiKey: 'k', baseURL: local.url }),
      question,
    );
    expect(response.text).toBe('Four (4).');
  });

  it('a refusal is reported as such, not as an empty answer that stopped normally', async () => {
    const body = chatCompletion(null);
    (body.choices as { message: { refusal: unknown } }[])[0]!.message.refusal =
      'I cannot help with that.';
    const local = await serve(() => ({ body }));
    const response = await complete(
      createOpenAI({ model: 'm', apiKey: 'k', baseURL: local.url }),
      question,
    );
    expect(response).toMatchObject({
      text: '',
      finishReason: 'content-filter',
      refusal: 'I cannot help with that.',
    });
  });

  it('content of an unknown shape is a non-retryable InvalidResponseError that says so', async () => {
    const body = chatCompletion(null);
    (body.choices as { message: { content: unknown } }[])[0]!.message.content = { odd: true };
    const local = await serve(() => ({ body }));
    const error = (await complete(
      createOpenAI({ model: 'm', apiKey: 'k', baseURL: local.url }),
      question,
    ).catch((caught: unknown) => caught)) as Error & { isRetryable: boolean };
    expect(error.message).toMatch(/unexpected shape/);
    expect(error.isRetryable).toBe(false);
  });
});

describe('Anthropic base URL', () => {
  it('a base URL ending in /v1 (or /v1/) requests /v1/messages, not /v1/v1/messages', async () => {
    const local = await serve(() => ({ body: anthropicMessage('ok') }));
    for (const suffix of ['/v1', '/v1/', '']) {
      await complete(
        createAnthropic({ model: 'm', apiKey: 'k', baseURL: `${local.url}${suffix}` }),
        question,
      );
    }
    expect(local.requests.map((request) => request.path)).toEqual([
      '/v1/messages',
      '/v1/messages',
      '/v1/messages',
    ]);
  });
});

describe('provider settings', () => {
  it('unknown keys are a ConfigurationError naming them', () => {
    expect(() => createOpenAI({ model: 'm', apiKey: 'k', organisation: 'x' } as never)).toThrow(
      /createOpenAI: unknown option "organisation"/,
    );
    expect(() => createAnthropic({ model: 'm', apiKey: 'k', maxTokens: 5 } as never)).toThrow(
      /createAnthropic: unknown option "maxTokens"/,
    );
    expect(() =>
      createOpenAICompatible({ model: 'm', baseURL: 'http://x/v1', providerName: 'y' } as never),
    ).toThrow(/unknown option "providerName"/);
  });
});
