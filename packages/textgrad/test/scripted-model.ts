import type { CompletionRequest } from '@trace/llm';
import { MockLLM, type MockReply } from '@trace/llm/test';
import { updateSystemPrompt } from '../src/prompts.js';

/** What a scripted TextGrad call was: a gradient of `input` through `node`, a summary, or the update. */
export type ScriptedCall =
  | { readonly kind: 'gradient'; readonly node: string; readonly input: string }
  | { readonly kind: 'summary'; readonly node: string }
  | { readonly kind: 'update' };

/** Reads which call a request is from its prompt (the last line of a TextGrad user turn names it). */
export function classify(request: CompletionRequest): ScriptedCall {
  const user = String(request.messages[0]?.content ?? '');
  if (request.system === updateSystemPrompt) return { kind: 'update' };
  const merge = /Merge them into one criticism of (.+)\.$/.exec(user);
  if (merge !== null) return { kind: 'summary', node: unwrap(merge[1]!) };
  const gradient =
    /Explain how (.+) should change so that (.+) answers this criticism better\.$/.exec(user);
  if (gradient !== null) {
    return { kind: 'gradient', node: unwrap(gradient[2]!), input: unwrap(gradient[1]!) };
  }
  throw new Error(`not a TextGrad request: ${user.slice(-200)}`);
}

/** The text of a Markdown code span. */
function unwrap(span: string): string {
  const match = /^(`+)( ?)(.*)\2\1$/s.exec(span);
  return match === null ? span : match[3]!;
}

/** A short name of a call for order assertions: `x0<-add0`, `sum:x0`, `update`. */
export function describeCall(call: ScriptedCall): string {
  if (call.kind === 'gradient') return `${call.input}<-${call.node}`;
  if (call.kind === 'summary') return `sum:${call.node}`;
  return 'update';
}

/** Options of {@link scriptedModel}. */
export interface ScriptedModelOptions {
  /** The update reply (default: no change). */
  readonly update?: MockReply | ((request: CompletionRequest) => MockReply);
  /** A gradient or summary reply (default: `<feedback>g(input<-node)</feedback>`). */
  readonly backward?: (call: ScriptedCall, request: CompletionRequest) => MockReply;
  /** Simulated latency of every call. */
  readonly latencyMs?: number;
  readonly modelId?: string;
}

/** A MockLLM that answers TextGrad's requests by what they ask for, whatever order they come in. */
export function scriptedModel(options: ScriptedModelOptions = {}): MockLLM {
  return new MockLLM({
    ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
    ...(options.modelId === undefined ? {} : { modelId: options.modelId }),
    responses: (request) => {
      const call = classify(request);
      if (call.kind === 'update') {
        const update = options.update ?? '{"reasoning": "fine", "noChange": true}';
        return typeof update === 'function' ? update(request) : update;
      }
      if (options.backward !== undefined) return options.backward(call, request);
      return `<feedback>g(${describeCall(call)})</feedback>`;
    },
  });
}

/** The calls `model` received, described, in the order they were made. */
export function callOrder(model: MockLLM): string[] {
  return model.calls.map((request) => describeCall(classify(request)));
}
