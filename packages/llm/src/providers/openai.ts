import type OpenAI from 'openai';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidResponseError } from '../errors/invalid-response-error.js';
import { checkOptions } from '../internal/check-options.js';
import { lazySdk } from '../internal/load-sdk.js';
import { nonEmpty } from '../internal/non-empty.js';
import { preview } from '../internal/preview.js';
import { countOrUndefined } from '../internal/reported-count.js';
import { defaultTimeoutMs, sendWithTimeout } from '../internal/send-with-timeout.js';
import { checkTimeoutMs, maxTimerMs } from '../internal/timeout-ms.js';
import { estimateInputTokens, estimateTokens } from '../spec/estimate-tokens.js';
import type {
  CompletionRequest,
  CompletionResponse,
  FinishReason,
  LanguageModel,
} from '../spec/language-model.js';

/** Settings of {@link createOpenAI}. */
export interface OpenAISettings {
  /** Model name, e.g. `gpt-4o-mini` (or the local server's model name, e.g. `llama3.2`). */
  readonly model: string;
  /**
   * API key; default `process.env.OPENAI_API_KEY`. Not needed with a local `baseURL`. An empty key
   * counts as no key.
   */
  readonly apiKey?: string;
  /** Base URL of an OpenAI-compatible API, e.g. `http://localhost:11434/v1` for Ollama. */
  readonly baseURL?: string;
  /**
   * OpenAI organization id (`OpenAI-Organization` header). Default `process.env.OPENAI_ORG_ID` when
   * the model talks to api.openai.com (never sent to another host unless given here).
   */
  readonly organization?: string;
  /**
   * OpenAI project id (`OpenAI-Project` header). Default `process.env.OPENAI_PROJECT_ID` when the model
   * talks to api.openai.com.
   */
  readonly project?: string;
  /**
   * Deadline of one HTTP attempt in milliseconds (whole exchange); default 120 000. At most
   * 2^31 - 1; `Infinity` for none.
   */
  readonly timeoutMs?: number;
  /** Extra headers sent with every request. */
  readonly headers?: Record<string, string>;
  /** A `fetch` implementation to use instead of the global one. */
  readonly fetch?: typeof fetch;
  /**
   * Body field for `maxTokens`. Default `max_completion_tokens` when the host is api.openai.com (newer
   * models refuse `max_tokens`), whether or not `baseURL` names it, and `max_tokens` for any other
   * host (what local servers and most gateways understand).
   */
  readonly maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /** Provider name reported by the model; default `openai`. */
  readonly providerName?: string;
}

const openAIBaseURL = 'https://api.openai.com/v1';
const jsonInstruction = 'Reply with a single JSON object and nothing else.';

const settingNames = [
  'model',
  'apiKey',
  'baseURL',
  'organization',
  'project',
  'timeoutMs',
  'headers',
  'fetch',
  'maxTokensField',
  'providerName',
];

/** The `openai` SDK, loaded when the first OpenAI-protocol model sends its first request. */
export const loadOpenAISdk = lazySdk(
  'openai',
  '^6.49.0',
  async () => (await import('openai')).default,
);

/** True when `baseURL` (undefined meaning the default) is OpenAI's own API. */
export function isOfficialOpenAI(baseURL: string | undefined): boolean {
  if (baseURL === undefined) return true;
  try {
    return new URL(baseURL).hostname.toLowerCase() === 'api.openai.com';
  } catch {
    return false;
  }
}

/**
 * A model on the OpenAI Chat Completions API, or on any server that speaks it (Ollama, vLLM,
 * llama.cpp server, LM Studio: pass `baseURL`). `json: true` turns on JSON mode
 * (`response_format: {type: 'json_object'}`), adding a one-line instruction when no message mentions
 * JSON (the API requires that). The SDK's own retries are off (`maxRetries: 0`): wrap the model in
 * `withRetry` (or use `resolveModel`, which does). Errors are typed (`APICallError`,
 * `ConnectionError`, `TimeoutError`, ...). The `openai` package is an optional peer dependency,
 * loaded on the first request; without it that request fails with a `ConfigurationError` saying
 * what to install.
 *
 * @example
 * ```ts
 * const model = createOpenAI({ model: 'gpt-4o-mini' }); // key from OPENAI_API_KEY
 * const local = createOpenAI({ model: 'llama3.2', baseURL: 'http://localhost:11434/v1' });
 * ```
 */
export function createOpenAI(settings: OpenAISettings): LanguageModel {
  checkOptions('createOpenAI', settings, settingNames);
  const provider = settings.providerName ?? 'openai';
  if (typeof settings.model !== 'string' || settings.model.trim() === '') {
    throw new ConfigurationError({
      message: `${provider}: give a model name, e.g. createOpenAI({ model: 'gpt-4o-mini' }).`,
    });
  }
  const baseURL = nonEmpty(settings.baseURL);
  const apiKey = nonEmpty(settings.apiKey) ?? nonEmpty(process.env.OPENAI_API_KEY);
  if (apiKey === undefined && isOfficialOpenAI(baseURL)) {
    throw new ConfigurationError({
      message: `${provider}: no API key (an empty one counts as none). Set OPENAI_API_KEY=<key>, pass createOpenAI({ apiKey }), or pass baseURL for a local OpenAI-compatible server.`,
    });
  }
  const timeoutMs = checkTimeoutMs(
    `${provider}: timeoutMs`,
    settings.timeoutMs ?? defaultTimeoutMs,
  );
  const official = isOfficialOpenAI(baseURL);
  const maxTokensField =
    settings.maxTokensField ?? (official ? 'max_completion_tokens' : 'max_tokens');
  const organization =
    nonEmpty(settings.organization) ??
    (official ? nonEmpty(process.env.OPENAI_ORG_ID) : undefined) ??
    null;
  const project =
    nonEmpty(settings.project) ??
    (official ? nonEmpty(process.env.OPENAI_PROJECT_ID) : undefined) ??
    null;
  // The SDK's own timeout (headers only) must stay within what a timer can hold.
  const sdkTimeoutMs = Math.min(timeoutMs, maxTimerMs);
  let client: Promise<{ sdk: typeof OpenAI; client: OpenAI }> | undefined;
  const connect = () => {
    client ??= loadOpenAISdk().then((sdk) => ({
      sdk,
      client: new sdk({
        // Local servers ignore the key, but the SDK insists on one.
        apiKey: apiKey ?? 'not-needed',
        baseURL: baseURL ?? openAIBaseURL,
        organization,
        project,
        maxRetries: 0,
        timeout: sdkTimeoutMs,
        logLevel: 'off',
        ...(settings.headers === undefined ? {} : { defaultHeaders: settings.headers }),
        ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
      }),
    }));
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
  const modelId = settings.model;

  return {
    provider,
    modelId,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      const { sdk, client: openai } = await connect();
      const body = toChatBody(modelId, maxTokensField, request);
      const { value, latencyMs } = await sendWithTimeout({
        provider,
        timeoutMs,
        signal: request.signal,
        errorClasses: {
          apiError: sdk.APIError,
          userAbortError: sdk.APIUserAbortError,
          connectionError: sdk.APIConnectionError,
          connectionTimeoutError: sdk.APIConnectionTimeoutError,
        },
        send: (signal) =>
          openai.chat.completions.create(body, { signal, maxRetries: 0, timeout: sdkTimeoutMs }),
      });
      return fromChatCompletion(provider, modelId, request, value, latencyMs);
    },
  };
}

function toChatBody(
  modelId: string,
  maxTokensField: 'max_tokens' | 'max_completion_tokens',
  request: CompletionRequest,
): OpenAI.Chat.ChatCompletionCreateParamsNonStreaming {
  let system = request.system;
  if (request.json && !mentionsJson(request)) {
    system = system === undefined ? jsonInstruction : `${system}\n\n${jsonInstruction}`;
  }
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [];
  if (system !== undefined) messages.push({ role: 'system', content: system });
  for (const message of request.messages) {
    messages.push({ role: message.role, content: message.content });
  }
  return {
    model: modelId,
    messages,
    ...(request.maxTokens === undefined ? {} : { [maxTokensField]: request.maxTokens }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop === undefined ? {} : { stop: [...request.stop] }),
    ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
  };
}

function mentionsJson(request: CompletionRequest): boolean {
  if (request.system !== undefined && /json/i.test(request.system)) return true;
  return request.messages.some((message) => /json/i.test(message.content));
}

function fromChatCompletion(
  provider: string,
  modelId: string,
  request: CompletionRequest,
  completion: unknown,
  latencyMs: number,
): CompletionResponse {
  const body = completion as Partial<OpenAI.Chat.ChatCompletion> | string | null | undefined;
  const choice = typeof body === 'object' && body !== null ? body.choices?.[0] : undefined;
  if (choice === undefined || typeof choice !== 'object' || choice === null) {
    throw new InvalidResponseError({
      message: `${provider} answered without a chat completion choice: ${preview(body)}. Check that the base URL serves the Chat Completions API (/chat/completions).`,
      ...(typeof body === 'string' ? { text: body } : {}),
    });
  }
  const message = choice.message as { content?: unknown; refusal?: unknown } | undefined | null;
  if (typeof message !== 'object' || message === null) {
    throw new InvalidResponseError({
      message: `${provider} answered with a choice that has no message: ${preview(choice)}. Check that the base URL serves the Chat Completions API (/chat/completions).`,
    });
  }
  const refusal = nonEmpty(typeof message.refusal === 'string' ? message.refusal : undefined);
  const text = readContent(message.content);
  if (text === undefined) {
    throw new InvalidResponseError({
      message: `${provider} answered with message content of an unexpected shape: ${preview(message.content)}. Expected a string or an array of text parts; report it if the server is meant to be OpenAI-compatible.`,
      isRetryable: false,
    });
  }
  const usage = typeof body === 'object' && body !== null ? body.usage : undefined;
  const reportedInput = countOrUndefined(usage?.prompt_tokens);
  const reportedOutput = countOrUndefined(usage?.completion_tokens);
  const estimated = reportedInput === undefined || reportedOutput === undefined;
  return {
    text,
    usage: {
      // Some compatible servers omit usage; fall back to the cheap estimate so budgets still count.
      inputTokens: reportedInput ?? estimateInputTokens(request),
      outputTokens: reportedOutput ?? estimateTokens(text || (refusal ?? '')),
      ...(estimated ? { estimated: true as const } : {}),
    },
    modelId: (typeof body === 'object' && body?.model) || modelId,
    finishReason: refusal !== undefined ? 'content-filter' : toFinishReason(choice.finish_reason),
    latencyMs,
    ...(refusal === undefined ? {} : { refusal }),
  };
}

/** The text of a message's content: a string, null (no text), or an array of text parts. */
function readContent(content: unknown): string | undefined {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  let text = '';
  for (const part of content) {
    if (typeof part === 'string') text += part;
    else if (typeof part === 'object' && part !== null && typeof part.text === 'string') {
      text += part.text;
    } else if (typeof part === 'object' && part !== null && typeof part.text?.value === 'string') {
      text += part.text.value;
    }
  }
  return text;
}

function toFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return 'other';
  }
}
