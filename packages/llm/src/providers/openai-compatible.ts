import { ConfigurationError } from '../errors/configuration-error.js';
import { checkOptions } from '../internal/check-options.js';
import type { LanguageModel } from '../spec/language-model.js';
import { createOpenAI, type OpenAISettings } from './openai.js';

/** Settings of {@link createOpenAICompatible}: those of `createOpenAI` with `baseURL` required. */
export interface OpenAICompatibleSettings extends Omit<OpenAISettings, 'baseURL' | 'providerName'> {
  /** The server's OpenAI-compatible base URL, including `/v1`. */
  readonly baseURL: string;
  /** Provider name the model reports; default `openai-compatible`. */
  readonly name?: string;
}

/** Base URLs of well-known local servers, by the provider names `resolveModel` accepts. */
export const localServerBaseURLs: Readonly<Record<string, string>> = {
  ollama: 'http://localhost:11434/v1',
  lmstudio: 'http://localhost:1234/v1',
  llamacpp: 'http://localhost:8080/v1',
  vllm: 'http://localhost:8000/v1',
};

/**
 * A model on a local or hosted server that speaks the OpenAI Chat Completions API: Ollama, vLLM,
 * llama.cpp server, LM Studio, and gateways. The same as `createOpenAI` with `baseURL`, sending
 * `max_tokens` (which these servers understand) and needing no API key.
 *
 * @example
 * ```ts
 * const model = createOpenAICompatible({
 *   baseURL: 'http://localhost:11434/v1', // Ollama
 *   model: 'llama3.2',
 * });
 * ```
 */
export function createOpenAICompatible(settings: OpenAICompatibleSettings): LanguageModel {
  checkOptions('createOpenAICompatible', settings, [
    'model',
    'baseURL',
    'name',
    'apiKey',
    'organization',
    'project',
    'timeoutMs',
    'headers',
    'fetch',
    'maxTokensField',
  ]);
  if (typeof settings.baseURL !== 'string' || !/^https?:\/\//.test(settings.baseURL)) {
    throw new ConfigurationError({
      message: `openai-compatible: baseURL must be an http(s) URL such as ${localServerBaseURLs.ollama} (Ollama); got ${JSON.stringify(settings.baseURL)}.`,
    });
  }
  const { name, ...rest } = settings;
  return createOpenAI({
    maxTokensField: 'max_tokens',
    ...rest,
    apiKey: settings.apiKey ?? 'not-needed',
    providerName: name ?? 'openai-compatible',
  });
}
