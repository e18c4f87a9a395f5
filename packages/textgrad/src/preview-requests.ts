import type { Node } from '@trace/core';
import type { BackwardPlan } from './backward-plan.js';
import {
  gradientPrompt,
  gradientSystemPrompt,
  joinGradients,
  type PromptContext,
  summaryPrompt,
  summarySystemPrompt,
  updatePrompt,
  updateSystemPrompt,
} from './prompts.js';

/** One prompt a step sends. */
export interface TextGradRequest {
  readonly kind: 'gradient' | 'summary' | 'update';
  readonly system: string;
  readonly user: string;
}

/**
 * Every request a step over `plan` sends if every criticism and summary reply were `reply`, level by
 * level in node and argument order: the same walk as `BackwardWalk`, without a model. Synchronous.
 */
export function previewRequests(
  plan: BackwardPlan,
  context: PromptContext,
  summarizeAbove: number,
  reply: string,
): TextGradRequest[] {
  const requests: TextGradRequest[] = [];
  const received = new Map<Node, string[]>();
  for (const [output, texts] of plan.feedback) received.set(output, [...texts]);
  const reduced = new Map<Node, string>();
  for (const nodes of plan.levels) {
    const passed: Node[] = [];
    for (const node of nodes) {
      const gradients = received.get(node) ?? [];
      if (gradients.length === 0) continue;
      let text = joinGradients(gradients);
      if (gradients.length > summarizeAbove) {
        const user = summaryPrompt(context, node, gradients);
        requests.push({ kind: 'summary', system: summarySystemPrompt, user });
        text = reply;
      }
      if (text === '') continue;
      reduced.set(node, text);
      for (const input of plan.gradientInputs.get(node) ?? []) {
        const user = gradientPrompt(context, node, input, text);
        requests.push({ kind: 'gradient', system: gradientSystemPrompt, user });
        passed.push(input);
      }
    }
    if (reply === '') continue;
    for (const input of passed) {
      const list = received.get(input) ?? [];
      list.push(reply);
      received.set(input, list);
    }
  }
  const entries = plan.parameters
    .filter((parameter) => reduced.has(parameter))
    .map((parameter) => ({ parameter, gradient: reduced.get(parameter)! }));
  if (entries.length > 0) {
    const user = updatePrompt(context, entries);
    requests.push({ kind: 'update', system: updateSystemPrompt, user });
  }
  return requests;
}
