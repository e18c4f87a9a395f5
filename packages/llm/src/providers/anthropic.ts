import type Anthropic from '@anthropic-ai/sdk';
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

/** Settings of {@link createAnthropic}. */
export interface AnthropicSettings {
  /** Model name, e.g. `claude-3-5-haiku-latest`. */
  readonly model: string;
  /**
   * API key; default `process.env.ANTHROPIC_API_KEY`. Not needed with a custom `baseURL`. An empty
   * key counts as no key.
   */
  readonly apiKey?: string;
  /**
   * Base URL of the Messages API (a proxy or gateway); default `https://api.anthropic.com`. A
   * trailing `/v1` is accepted and dropped (the SDK adds `/v1/messages` itself).
   */
  readonly baseURL?: string;
  /**
   * Deadline of one HTTP attempt in milliseconds (whole exchange); default 120 000. At most
   * 2^31 - 1; `Infinity` for none.
   */
  readonly timeoutMs?: number;
  /** `max_tokens` when the request has no `maxTokens` (the API requires one); default 4096. */
  readonly defaultMaxTokens?: number;
  /**
   * For `json: true`, prefill the assistant turn with `{` so the reply starts as an object (the text
   * returned includes the `{`). Default true; turn off for models that refuse prefill.
   */
  readonly jsonPrefill?: boolean;
  /** Extra headers sent with every request. */
  readonly headers?: Record<string, string>;
  /** A `fetch` implementation to use instead of the global one. */
  readonly fetch?: typeof fetch;
}

const anthropicBaseURL = 'https://api.anthropic.com';

const settingNames = [
  'model',
  'apiKey',
  'baseURL',
  'timeoutMs',
  'defaultMaxTokens',
  'jsonPrefill',
  'headers',
  'fetch',
];

/** The `@anthropic-ai/sdk` package, loaded when the first Anthropic model sends its first request. */
const loadAnthropicSdk = lazySdk(
  '@anthropic-ai/sdk',
  '^1.12.0',
  async () => (await import('@anthropic-ai/sdk')).default,
);
const jsonInstruction =
  'Reply with a single JSON object and nothing else: no prose, no code fence.';

/**
 * A model on Anthropic's Messages API. The system prompt goes in the top-level `system` field;
 * `json: true` adds an instruction to reply with one JSON object and (by default) prefills the
 * answer with `{`. The SDK's own retries are off (`maxRetries: 0`): wrap the model in `withRetry`,
 * which retries 429, 5xx and the 529 `overloaded_error`, honouring `retry-after`.
 *
 * @example
 * ```ts
 * const model = createAnthropic({ model: 'claude-3-5-haiku-latest' }); // key from ANTHROPIC_API_KEY
 * ```
 */
export function createAnthropic(settings: AnthropicSettings): LanguageModel {
  checkOptions('createAnthropic', settings, settingNames);
  const provider = 'anthropic';
  if (typeof settings.model !== 'string' || settings.model.trim() === '') {
    throw new ConfigurationError({
      message: `anthropic: give a model name, e.g. createAnthropic({ model: 'claude-3-5-haiku-latest' }).`,
    });
  }
  const baseURL = anthropicRoot(nonEmpty(settings.baseURL));
  const apiKey = nonEmpty(settings.apiKey) ?? nonEmpty(process.env.ANTHROPIC_API_KEY);
  if (apiKey === undefined && isOfficialAnthropic(baseURL)) {
    throw new ConfigurationError({
      message:
        'anthropic: no API key (an empty one counts as none). Set ANTHROPIC_API_KEY=<key> or pass createAnthropic({ apiKey }) (or a baseURL for a gateway that needs none).',
    });
  }
  const timeoutMs = checkTimeoutMs('anthropic: timeoutMs', settings.timeoutMs ?? defaultTimeoutMs);
  const sdkTimeoutMs = Math.min(timeoutMs, maxTimerMs);
  const defaultMaxTokens = settings.defaultMaxTokens ?? 4096;
  if (!(Number.isInteger(defaultMaxTokens) && defaultMaxTokens > 0)) {
    throw new ConfigurationError({
      message: `anthropic: defaultMaxTokens must be a positive integer; got ${String(defaultMaxTokens)}.`,
    });
  }
  const jsonPrefill = settings.jsonPrefill ?? true;
  let client: Promise<{ sdk: typeof Anthropic; client: Anthropic }> | undefined;
  const connect = () => {
    client ??= loadAnthropicSdk().then((sdk) => ({
      sdk,
      client: new sdk({
        // A gateway that needs no key still gets a placeholder: the SDK insists on one.
        apiKey: apiKey ?? 'not-needed',
        baseURL: baseURL ?? anthropicBaseURL,
        maxRetries: 0,
        timeout: sdkTimeoutMs,
        logLevel: 'off',
        openTelemetry: false,
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
      const { sdk, client: anthropic } = await connect();
      const prefill =
        request.json === true && jsonPrefill && request.messages.at(-1)?.role === 'user';
      const body = toMessagesBody(modelId, defaultMaxTokens, request, prefill);
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
          anthropic.messages.create(body, { signal, maxRetries: 0, timeout: sdkTimeoutMs }),
      });
      return fromMessage(modelId, request, value, latencyMs, prefill);
    },
  };
}

/** True when `baseURL` (undefined meaning the default) is Anthropic's own API, which needs a key. */
export function isOfficialAnthropic(baseURL: string | undefined): boolean {
  if (baseURL === undefined) return true;
  try {
    return new URL(baseURL).hostname.toLowerCase() === 'api.anthropic.com';
  } catch {
    return false;
  }
}

/** A base URL without a trailing `/v1` (or slash): the SDK appends `/v1/messages` itself. */
export function anthropicRoot(baseURL: string | undefined): string | undefined {
  return baseURL?.replace(/\/+$/, '').replace(/\/v1$/, '');
}

function toMessagesBody(
  modelId: string,
  defaultMaxTokens: number,
  request: CompletionRequest,
  prefill: boolean,
): Anthropic.MessageCreateParamsNonStreaming {
  let system = request.system;
  if (request.json) {
    system = system === undefined ? jsonInstruction : `${system}\n\n${jsonInstruction}`;
  }
  const messages: Anthropic.MessageParam[] = request.messages.map((message) => ({
    role: message.role,
    content: message.content,
  }));
  if (prefill) messages.push({ role: 'assistant', content: '{' });
  return {
    model: modelId,
    max_tokens: request.maxTokens ?? defaultMaxTokens,
    messages,
    ...(system === undefined ? {} : { system }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.stop === undefined ? {} : { stop_sequences: [...request.stop] }),
  };
}

function fromMessage(
  modelId: string,
  request: CompletionRequest,
  message: unknown,
  latencyMs: number,
  prefill: boolean,
): CompletionResponse {
  const body = message as Partial<Anthropic.Message> | string | null | undefined;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.content)) {
    throw new InvalidResponseError({
      message: `anthropic answered without message content: ${preview(body)}. Check that the base URL serves the Messages API (/v1/messages).`,
      ...(typeof body === 'string' ? { text: body } : {}),
    });
  }
  let text = '';
  for (const block of body.content) {
    if (block.type === 'text') text += block.text;
  }
  if (prefill) text = `{${text}`;
  const usage = body.usage as Partial<Anthropic.Usage> | null | undefined;
  const reportedInput = countOrUndefined(usage?.input_tokens);
  const reportedOutput = countOrUndefined(usage?.output_tokens);
  // A gateway that leaves usage out must not make calls free: estimate, and say so.
  const estimated = reportedInput === undefined || reportedOutput === undefined;
  const inputTokens =
    reportedInput === undefined
      ? estimateInputTokens(request)
      : reportedInput +
        (countOrUndefined(usage?.cache_creation_input_tokens) ?? 0) +
        (countOrUndefined(usage?.cache_read_input_tokens) ?? 0);
  return {
    text,
    usage: {
      inputTokens,
      outputTokens: reportedOutput ?? estimateTokens(text),
      ...(estimated ? { estimated: true as const } : {}),
    },
    modelId: body.model ?? modelId,
    finishReason: toFinishReason(body.stop_reason),
    latencyMs,
  };
}

function toFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'refusal':
      return 'content-filter';
    case 'tool_use':
      return 'tool-calls';
    default:
      return 'other';
  }
}
