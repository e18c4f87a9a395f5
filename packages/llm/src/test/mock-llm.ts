import { ConfigurationError } from '../errors/configuration-error.js';
import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { type Clock, systemClock } from '../spec/clock.js';
import { estimateInputTokens, estimateTokens } from '../spec/estimate-tokens.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';

/**
 * One scripted reply: a string (the text), a partial response (missing fields are filled in), or an
 * `Error`, which the call throws.
 */
export type MockReply = string | Partial<CompletionResponse> | Error;

/**
 * How a {@link MockLLM} answers: one reply for every call, an array indexed by call number (a call
 * past its end throws), or a function of the request and the zero-based call index.
 */
export type MockResponses =
  | MockReply
  | readonly MockReply[]
  | ((request: CompletionRequest, callIndex: number) => MockReply | Promise<MockReply>);

/** Options of {@link MockLLM}. */
export interface MockLLMOptions {
  /** How to answer; default: the text `mock response` for every call. */
  readonly responses?: MockResponses;
  /** Reported `modelId`; default `mock-model`. */
  readonly modelId?: string;
  /** Reported `provider`; default `mock`. */
  readonly provider?: string;
  /** Simulated latency in milliseconds (a number, or a function of the request and call index). */
  readonly latencyMs?: number | ((request: CompletionRequest, callIndex: number) => number);
  /** Clock used for the simulated latency; default the real clock. */
  readonly clock?: Clock;
}

/**
 * A scripted {@link LanguageModel} for tests: no network, deterministic replies, and every call's
 * request kept in `calls` for assertions. Usage is estimated from the text (four characters per
 * token) unless a reply gives it. Works under every wrapper, so retries, budgets and caches can be
 * tested against it.
 *
 * @example
 * ```ts
 * import { MockLLM } from '@trace/llm/test';
 *
 * const model = new MockLLM({ responses: ['first', new Error('boom'), { text: '{"a":1}' }] });
 * await complete(model, 'hi'); // text 'first'
 * await complete(model, 'hi'); // throws boom
 * expect(model.calls[1]?.messages[0]?.content).toBe('hi');
 *
 * const echo = new MockLLM({ responses: (request) => request.messages.at(-1)?.content ?? '' });
 * ```
 */
export class MockLLM implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  /** Every request received, in call order (including calls that threw). */
  readonly calls: CompletionRequest[] = [];
  private readonly responses: MockResponses;
  private readonly latencyMs: MockLLMOptions['latencyMs'];
  private readonly clock: Clock;

  constructor(options: MockLLMOptions = {}) {
    checkOptions('MockLLM', options, ['responses', 'modelId', 'provider', 'latencyMs', 'clock']);
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock-model';
    this.responses = options.responses ?? 'mock response';
    this.latencyMs = options.latencyMs;
    this.clock = options.clock ?? systemClock;
  }

  /** Number of calls received so far. */
  get callCount(): number {
    return this.calls.length;
  }

  /** The most recent request, or undefined before the first call. */
  get lastCall(): CompletionRequest | undefined {
    return this.calls.at(-1);
  }

  /** Forgets recorded calls, so the next call is call 0 again. */
  reset(): void {
    this.calls.length = 0;
  }

  /** Records the request, waits the simulated latency, then answers (or throws) as scripted. */
  async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
    const callIndex = this.calls.length;
    this.calls.push(request);
    const started = this.clock.now();
    const latency =
      typeof this.latencyMs === 'function' ? this.latencyMs(request, callIndex) : this.latencyMs;
    if (latency !== undefined && latency > 0) await this.clock.sleep(latency, request.signal);
    throwIfAborted(request.signal);
    const reply = await this.replyFor(request, callIndex);
    throwIfAborted(request.signal);
    if (reply instanceof Error) throw reply;
    const partial: Partial<CompletionResponse> =
      typeof reply === 'string' ? { text: reply } : reply;
    const text = partial.text ?? '';
    return {
      text,
      usage: partial.usage ?? {
        inputTokens: estimateInputTokens(request),
        outputTokens: estimateTokens(text),
      },
      modelId: partial.modelId ?? this.modelId,
      finishReason: partial.finishReason ?? 'stop',
      latencyMs: partial.latencyMs ?? this.clock.now() - started,
      ...(partial.cached === undefined ? {} : { cached: partial.cached }),
    };
  }

  private async replyFor(request: CompletionRequest, callIndex: number): Promise<MockReply> {
    const responses = this.responses;
    if (typeof responses === 'function') return responses(request, callIndex);
    if (!Array.isArray(responses)) return responses as MockReply;
    const reply = (responses as readonly MockReply[])[callIndex];
    if (reply === undefined) {
      throw new ConfigurationError({
        message: `MockLLM received call #${callIndex + 1} but was given only ${responses.length} response(s). Add responses to the array, or pass a function (request, callIndex) => reply.`,
      });
    }
    return reply;
  }
}
