import { ConfigurationError } from '../errors/configuration-error.js';
import { checkOptions } from '../internal/check-options.js';
import { nonEmpty } from '../internal/non-empty.js';
import type { LanguageModel } from '../spec/language-model.js';
import { withLimits } from '../wrappers/with-limits.js';
import { type RetryOptions, withRetry } from '../wrappers/with-retry.js';
import { createAnthropic, isOfficialAnthropic } from './anthropic.js';
import { createOpenAI, isOfficialOpenAI } from './openai.js';
import { createOpenAICompatible, localServerBaseURLs } from './openai-compatible.js';

/** What {@link resolveModel} may be told directly; anything missing comes from the environment. */
export interface ModelConfig {
  /** A model, or a `provider:model` string such as `openai:gpt-4o-mini` or `ollama:llama3.2`. */
  readonly model?: string | LanguageModel;
  /** API key for the chosen provider (overrides the environment). */
  readonly apiKey?: string;
  /** Base URL (overrides the environment). */
  readonly baseURL?: string;
  /**
   * Deadline of one HTTP attempt in milliseconds; default 120 000 (2 minutes). `Infinity` for none.
   */
  readonly timeoutMs?: number;
  /**
   * The retry policy: options for `withRetry` (merged over its defaults: 4 retries, backoff from 1 s
   * doubling to 30 s with ±25% jitter, a server's `Retry-After` honoured up to 120 s), or `false` for
   * none.
   */
  readonly retry?: RetryOptions | false;
  /** Calls in flight at once through the returned model; default 8. `false` for no limit. */
  readonly maxConcurrency?: number | false;
}

/**
 * The safety net `resolveModel` puts around the model it builds: what every provider's API needs under
 * load (rate limits, overload, slow or dropped connections).
 */
export const defaultModelPolicy = {
  /** Retries after the first attempt (so at most 5 attempts). */
  maxRetries: 4,
  /** Backoff before the first retry; doubles each time, capped at `maxDelayMs`. */
  initialDelayMs: 1000,
  /** Cap on one backoff. */
  maxDelayMs: 30_000,
  /** A server's `Retry-After` longer than this ends the retries at once. */
  maxRetryAfterMs: 120_000,
  /** Deadline of one attempt (one HTTP exchange). */
  timeoutMs: 120_000,
  /** Calls in flight at once. */
  maxConcurrency: 8,
} as const;

const configNames = ['model', 'apiKey', 'baseURL', 'timeoutMs', 'retry', 'maxConcurrency'];

/** Models used when only an API key is set. */
export const defaultModels = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
} as const;

/** Provider names accepted in `TRACE_MODEL=provider:model`. */
export const providerNames = [
  'openai',
  'anthropic',
  'openai-compatible',
  ...Object.keys(localServerBaseURLs),
] as const;

const setupHelp = [
  'Set one of:',
  `  TRACE_MODEL=openai:${defaultModels.openai}  with OPENAI_API_KEY=<key>`,
  `  TRACE_MODEL=anthropic:${defaultModels.anthropic}  with ANTHROPIC_API_KEY=<key>`,
  `  TRACE_MODEL=ollama:<model>  (Ollama at ${localServerBaseURLs.ollama}; TRACE_LLM_BASE_URL overrides; also lmstudio:, llamacpp:, vllm:)`,
  '  TRACE_MODEL=openai-compatible:<model>  with TRACE_LLM_BASE_URL=http://<host>:<port>/v1',
  `or only OPENAI_API_KEY (uses openai:${defaultModels.openai}) or only ANTHROPIC_API_KEY (uses anthropic:${defaultModels.anthropic}),`,
  "or pass resolveModel({ model: 'provider:model', apiKey, baseURL }).",
].join('\n');

/**
 * Picks a model from `config`, then from the environment, and makes it safe to use under load: the
 * model it builds retries what is worth retrying (429 with `Retry-After`, 408, 409, 500, 502, 503,
 * 504, Anthropic's 529, timeouts, connection resets; never 400, 401, 403, 404, 422), gives each
 * attempt a deadline and keeps at most 8 calls in flight (see {@link defaultModelPolicy}; override
 * with `retry`, `timeoutMs`, `maxConcurrency`, or remove with `retry: false`, `timeoutMs: Infinity`,
 * `maxConcurrency: false`). A model passed as `config.model` is returned unchanged, and the provider
 * factories (`createOpenAI`, ...) stay bare. How the model is chosen:
 * 1. `config.model` (a model or a `provider:model` string), else `TRACE_MODEL`;
 * 2. with no model named, `OPENAI_API_KEY` then `ANTHROPIC_API_KEY` select that provider's default model.
 *
 * Keys come from `config.apiKey`, else `OPENAI_API_KEY` / `ANTHROPIC_API_KEY` (and `TRACE_LLM_API_KEY`
 * for `openai-compatible`). Base URLs come from `config.baseURL`, else `TRACE_LLM_BASE_URL`, else
 * `OPENAI_BASE_URL` (openai, openai-compatible) / `ANTHROPIC_BASE_URL` (anthropic), else the provider's
 * default (`ollama`, `lmstudio`, `llamacpp`, `vllm` have local defaults). When nothing is configured it
 * throws a `ConfigurationError` listing exactly what to set.
 *
 * @example
 * ```ts
 * // TRACE_MODEL=ollama:llama3.2 in the environment
 * const model = resolveModel();
 * const explicit = resolveModel({ model: 'anthropic:claude-haiku-4-5', apiKey: 'sk-ant-...' });
 * ```
 */
export function resolveModel(
  config: ModelConfig = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): LanguageModel {
  checkOptions('resolveModel', config, configNames);
  if (typeof config.model === 'object' && config.model !== null) return config.model;
  const maxConcurrency = config.maxConcurrency ?? defaultModelPolicy.maxConcurrency;
  if (maxConcurrency !== false && !(Number.isInteger(maxConcurrency) && maxConcurrency > 0)) {
    throw new ConfigurationError({
      message: `resolveModel: maxConcurrency must be a positive integer, or false for no limit; got ${String(maxConcurrency)}.`,
    });
  }
  if (config.retry !== undefined && config.retry !== false && typeof config.retry !== 'object') {
    throw new ConfigurationError({
      message: `resolveModel: retry must be withRetry options or false; got ${String(config.retry)}.`,
    });
  }
  const retry =
    config.retry === false
      ? undefined
      : {
          maxRetries: defaultModelPolicy.maxRetries,
          initialDelayMs: defaultModelPolicy.initialDelayMs,
          maxDelayMs: defaultModelPolicy.maxDelayMs,
          maxRetryAfterMs: defaultModelPolicy.maxRetryAfterMs,
          ...config.retry,
        };
  // Checked now, so a bad policy fails here rather than on the first call.
  const bare = resolveBareModel(
    { ...config, timeoutMs: config.timeoutMs ?? defaultModelPolicy.timeoutMs },
    env,
  );
  const limited = maxConcurrency === false ? bare : withLimits(bare, { maxConcurrency });
  return retry === undefined ? limited : withRetry(limited, retry);
}

/**
 * With no model named: `openai:<default>` when OPENAI_API_KEY is set, else `anthropic:<default>` when
 * ANTHROPIC_API_KEY is; otherwise a `ConfigurationError` saying what to set.
 */
function modelFromKeys(config: ModelConfig, read: (name: string) => string | undefined): string {
  if (nonEmpty(config.apiKey) !== undefined) {
    throw new ConfigurationError({
      message: `An API key was given but no model. Pass resolveModel({ model: 'openai:${defaultModels.openai}', apiKey }) or set TRACE_MODEL=provider:model.`,
    });
  }
  if (nonEmpty(config.baseURL) !== undefined || read('TRACE_LLM_BASE_URL') !== undefined) {
    throw new ConfigurationError({
      message: `A base URL is set but no model name. Set TRACE_MODEL=openai-compatible:<model> (the name your server serves), or pass resolveModel({ model: 'openai-compatible:<model>' }).`,
    });
  }
  if (read('OPENAI_API_KEY') !== undefined) return `openai:${defaultModels.openai}`;
  if (read('ANTHROPIC_API_KEY') !== undefined) return `anthropic:${defaultModels.anthropic}`;
  throw new ConfigurationError({ message: `No language model is configured. ${setupHelp}` });
}

/** The provider model `config` and `env` name, without the default policy. */
function resolveBareModel(
  config: ModelConfig,
  env: Readonly<Record<string, string | undefined>>,
): LanguageModel {
  const read = (name: string) => nonEmpty(env[name]);
  const apiKeyOf = () => nonEmpty(config.apiKey);
  const spec =
    (typeof config.model === 'string' ? nonEmpty(config.model) : undefined) ??
    read('TRACE_MODEL') ??
    modelFromKeys(config, read);
  const timeout = config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs };
  const separator = spec.indexOf(':');
  const provider = separator > 0 ? spec.slice(0, separator).toLowerCase() : '';
  const modelName = separator > 0 ? spec.slice(separator + 1).trim() : '';
  if (!(providerNames as readonly string[]).includes(provider) || modelName === '') {
    throw new ConfigurationError({
      message: `Cannot read the model "${spec}": write provider:model with provider one of ${providerNames.join(', ')} (e.g. openai:${defaultModels.openai}). ${setupHelp}`,
    });
  }
  const sharedBaseURL = nonEmpty(config.baseURL) ?? read('TRACE_LLM_BASE_URL');

  if (provider === 'openai') {
    const apiKey = apiKeyOf() ?? read('OPENAI_API_KEY');
    const baseURL = sharedBaseURL ?? read('OPENAI_BASE_URL');
    if (apiKey === undefined && isOfficialOpenAI(baseURL)) {
      throw new ConfigurationError({
        message: `The model ${spec} needs an OpenAI API key: set OPENAI_API_KEY=<key> (or pass resolveModel({ apiKey })). For a local server use TRACE_MODEL=openai-compatible:${modelName} with TRACE_LLM_BASE_URL.`,
      });
    }
    // OPENAI_ORG_ID and OPENAI_PROJECT_ID go to OpenAI's own API only, never to another host.
    const official = isOfficialOpenAI(baseURL);
    const organization = official ? read('OPENAI_ORG_ID') : undefined;
    const project = official ? read('OPENAI_PROJECT_ID') : undefined;
    return createOpenAI({
      model: modelName,
      apiKey: apiKey ?? 'not-needed',
      ...(baseURL === undefined ? {} : { baseURL }),
      ...(organization === undefined ? {} : { organization }),
      ...(project === undefined ? {} : { project }),
      ...timeout,
    });
  }
  if (provider === 'anthropic') {
    const apiKey = apiKeyOf() ?? read('ANTHROPIC_API_KEY');
    const baseURL = sharedBaseURL ?? read('ANTHROPIC_BASE_URL');
    if (apiKey === undefined && isOfficialAnthropic(baseURL)) {
      throw new ConfigurationError({
        message: `The model ${spec} needs an Anthropic API key: set ANTHROPIC_API_KEY=<key> (or pass resolveModel({ apiKey })).`,
      });
    }
    return createAnthropic({
      model: modelName,
      apiKey: apiKey ?? 'not-needed',
      ...(baseURL === undefined ? {} : { baseURL }),
      ...timeout,
    });
  }
  const baseURL =
    sharedBaseURL ??
    (provider === 'openai-compatible' ? read('OPENAI_BASE_URL') : localServerBaseURLs[provider]);
  if (baseURL === undefined) {
    throw new ConfigurationError({
      message: `The model ${spec} needs the server's address: set TRACE_LLM_BASE_URL=http://<host>:<port>/v1 (or pass resolveModel({ baseURL })).`,
    });
  }
  const apiKey = apiKeyOf() ?? read('TRACE_LLM_API_KEY');
  return createOpenAICompatible({
    model: modelName,
    baseURL,
    name: provider,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...timeout,
  });
}
