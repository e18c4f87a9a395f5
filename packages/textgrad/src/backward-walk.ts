import type { Node } from '@trace/core';
import { type ModelReply, sendToModel, truncateText } from '@trace/optimizer-kit';
import type { BackwardPlan } from './backward-plan.js';
import { CallLimiter } from './call-limiter.js';
import type { ResolvedTextGradOptions } from './options.js';
import {
  gradientPrompt,
  gradientSystemPrompt,
  joinGradients,
  type PromptContext,
  summaryPrompt,
  summarySystemPrompt,
} from './prompts.js';
import { readFeedback } from './read-feedback.js';
import type { BackwardCall, TextGradStepRecord } from './step-record.js';

/** What a backward call is about, before its reply. */
type CallSubject = Pick<BackwardCall, 'kind' | 'node' | 'input' | 'level'>;

/**
 * One run of TextGrad's backward pass over a {@link BackwardPlan}: level after level, each node
 * reduces the criticism it received (joined, or merged by a summary call above `summarizeAbove`) and
 * asks for the criticism of each of its gradient inputs; the calls of a level run concurrently
 * through one limiter. It counts calls and tokens, and the time spent writing prompts.
 */
export class BackwardWalk {
  /** Model calls made so far (gradient and summary), and their tokens. */
  readonly usage = { calls: 0, input: 0, output: 0 };
  /** Milliseconds spent planning and writing prompts (see {@link timed}). */
  promptMs = 0;
  readonly #plan: BackwardPlan;
  readonly #context: PromptContext;
  readonly #options: ResolvedTextGradOptions;
  readonly #limiter: CallLimiter;
  /** Aborted by the first failed call, so the others stop instead of running to the end. */
  readonly #controller = new AbortController();
  readonly #signal: AbortSignal;
  /** One slot per call, reserved when it starts, so the record lists calls in start order. */
  readonly #calls: (BackwardCall | undefined)[] = [];

  constructor(
    plan: BackwardPlan,
    context: PromptContext,
    options: ResolvedTextGradOptions,
    signal: AbortSignal | undefined,
  ) {
    this.#plan = plan;
    this.#context = context;
    this.#options = options;
    this.#limiter = new CallLimiter(options.maxConcurrency);
    const own = this.#controller.signal;
    this.#signal = signal === undefined ? own : AbortSignal.any([signal, own]);
  }

  /** The limiter of the walk's calls, for the update call to share. */
  get limiter(): CallLimiter {
    return this.#limiter;
  }

  /** Runs `build` and adds its time to {@link promptMs}. */
  timed<T>(build: () => T): T {
    const from = performance.now();
    try {
      return build();
    } finally {
      this.promptMs += performance.now() - from;
    }
  }

  /** The record's `backward` part: the levels and the calls that finished, in start order. */
  summary(): TextGradStepRecord['backward'] {
    const calls = this.#calls.filter((call): call is BackwardCall => call !== undefined);
    return {
      levels: this.#plan.levels.length,
      gradientCalls: calls.filter((call) => call.kind === 'gradient').length,
      summaryCalls: calls.filter((call) => call.kind === 'summary').length,
      calls,
    };
  }

  /**
   * Walks every level and returns the criticism each node ended with (reduced to one text), for the
   * nodes that received any. Rejects with the first failed call's error once no call is running.
   */
  async run(): Promise<ReadonlyMap<Node, string>> {
    const plan = this.#plan;
    const received = new Map<Node, string[]>();
    for (const [output, texts] of plan.feedback) received.set(output, [...texts]);
    const reduced = new Map<Node, string>();
    for (const [level, nodes] of plan.levels.entries()) {
      const settled = await Promise.allSettled(
        nodes.map((node) => this.#visit(node, level, received.get(node) ?? [], reduced)),
      );
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed !== undefined) {
        this.#controller.abort(failed.reason);
        throw failed.reason;
      }
      // Criticism is passed on in node and argument order, whatever order the replies came in.
      for (const result of settled) {
        if (result.status !== 'fulfilled') continue;
        for (const [input, gradient] of result.value) {
          if (gradient === '') continue;
          const list = received.get(input) ?? [];
          list.push(gradient);
          received.set(input, list);
        }
      }
    }
    return reduced;
  }

  /** Reduces what `node` received, then asks for the criticism of each of its gradient inputs. */
  async #visit(
    node: Node,
    level: number,
    gradients: readonly string[],
    reduced: Map<Node, string>,
  ): Promise<readonly (readonly [Node, string])[]> {
    if (gradients.length === 0) return [];
    const plan = this.#plan;
    const label = plan.labels.get(node)!;
    const text =
      gradients.length > this.#options.summarizeAbove
        ? await this.#ask(
            { kind: 'summary', node: label, level },
            summarySystemPrompt,
            this.timed(() => summaryPrompt(this.#context, node, gradients)),
          )
        : joinGradients(gradients);
    if (text === '') return [];
    reduced.set(node, text);
    const inputs = plan.gradientInputs.get(node) ?? [];
    return Promise.all(
      inputs.map(async (input) => {
        const user = this.timed(() => gradientPrompt(this.#context, node, input, text));
        const subject = { kind: 'gradient', node: label, input: plan.labels.get(input)!, level };
        return [
          input,
          await this.#ask(subject as CallSubject, gradientSystemPrompt, user),
        ] as const;
      }),
    );
  }

  /** One free-text call; returns the criticism read from the reply (empty when there is none). */
  async #ask(subject: CallSubject, system: string, user: string): Promise<string> {
    const options = this.#options;
    const signal = this.#signal;
    const slot = this.#calls.length;
    this.#calls.push(undefined);
    let reply: ModelReply;
    try {
      reply = await this.#limiter.run(() => {
        signal.throwIfAborted();
        return sendToModel(options, system, [{ role: 'user', content: user }], {
          json: false,
          signal,
        });
      });
    } catch (error) {
      // The step cannot finish: stop the calls still running or waiting, then report this one.
      this.#controller.abort(error);
      throw error;
    }
    this.usage.calls += 1;
    this.usage.input += reply.inputTokens;
    this.usage.output += reply.outputTokens;
    const gradient = truncateText(readFeedback(reply.text), options.maxGradientLength);
    const problem =
      gradient === ''
        ? 'the reply held no criticism, so nothing was passed on'
        : reply.finishReason === 'length'
          ? 'the reply was cut at the token limit; the part received was passed on'
          : undefined;
    this.#calls[slot] = {
      ...subject,
      gradient,
      inputTokens: reply.inputTokens,
      outputTokens: reply.outputTokens,
      latencyMs: reply.latencyMs,
      ...(reply.finishReason === undefined ? {} : { finishReason: reply.finishReason }),
      ...(problem === undefined ? {} : { problem }),
    };
    return gradient;
  }
}
