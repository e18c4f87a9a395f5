import { bundle, constraints, type Node, node, scope } from '@trace/core';
import type { MockReply } from '@trace/llm/test';
import type { StepStatus } from '@trace/optimizer-kit';
import { describe, expect, test } from 'vitest';
import { callOrder, scriptedModel } from '../test/scripted-model.js';
import { ModelCallError, TextGrad } from './index.js';

/** A number, a prompt, an array and a code parameter, all reaching one output. */
function workflow() {
  return scope(() => {
    const act = bundle(
      function act(position: number, weights: number[]) {
        return weights.reduce((sum, weight) => sum + weight * position, 0);
      },
      { trainable: true, execution: 'trusted', description: '[act] Weighted position.' },
    );
    const present = bundle(
      function present(prompt: string, value: number) {
        return `${prompt} ${value}`;
      },
      { name: 'present', description: '[present] Joins the prompt and the value.' },
    );
    const x = node(1, { name: 'x', trainable: true, constraint: constraints.range(-100, 100) });
    const prompt = node('Say hi.', { name: 'prompt', trainable: true });
    const weights = node([1, 2], { name: 'weights', trainable: true });
    const code = act.parameter!;
    const output = present(prompt, act(x, weights));
    return { parameters: { x, prompt, weights, code }, output };
  });
}

type Name = 'x' | 'prompt' | 'weights' | 'code';
const newCode = 'function act(position, weights) {\n  return position * 10;\n}';
const huge = 'z'.repeat(300_000);

interface Case {
  readonly name: string;
  /** The update reply, built from the labels the prompt shows. */
  readonly reply: (labels: Record<Name, string>) => MockReply;
  readonly status: StepStatus;
  /** Parameters expected to change, with their new values; all others keep theirs. */
  readonly changed?: Partial<Record<Name, unknown>>;
  /** Pattern the step error (or the first attempt's problem) must match. */
  readonly problem?: RegExp;
}

const ok = (suggestion: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ reasoning: 'r', suggestion, ...extra });

/** Update replies the model might send: well-formed, malformed, hostile. */
const updateCorpus: readonly Case[] = [
  {
    name: 'a valid update of every kind of parameter',
    reply: (l) => ok({ [l.x]: 5, [l.prompt]: 'Say hello.', [l.weights]: [3], [l.code]: newCode }),
    status: 'updated',
    changed: { x: 5, prompt: 'Say hello.', weights: [3], code: newCode },
  },
  {
    name: 'a json code fence',
    reply: (l) => `\`\`\`json\n${ok({ [l.x]: 6 })}\n\`\`\``,
    status: 'updated',
    changed: { x: 6 },
  },
  {
    name: 'prose around the object',
    reply: (l) => `Here you go:\n${ok({ [l.x]: 7 })}\nDone.`,
    status: 'updated',
    changed: { x: 7 },
  },
  {
    name: 'the new value between tags instead of JSON',
    reply: (l) => `<improved name="${l.x}">5</improved>`,
    status: 'invalid-reply',
    problem: /no JSON object/,
  },
  { name: 'an empty reply', reply: () => '', status: 'invalid-reply', problem: /empty/ },
  {
    name: 'a missing closing brace',
    reply: (l) => `{"reasoning": "r", "suggestion": {"${l.x}": 9}`,
    status: 'invalid-reply',
    problem: /no valid JSON object/,
  },
  {
    name: 'single-quoted JSON',
    reply: (l) => `{'suggestion': {'${l.x}': 5}}`,
    status: 'invalid-reply',
  },
  {
    name: 'suggestion given as an array',
    reply: (l) => `{"suggestion": [{"${l.x}": 5}]}`,
    status: 'invalid-reply',
    problem: /suggestion: expected an object/,
  },
  {
    name: 'an explicit no change',
    reply: () => '{"reasoning": "fine", "noChange": true}',
    status: 'no-change',
  },
  {
    name: 'noChange true with suggestions',
    reply: (l) => `{"noChange": true, "suggestion": {"${l.x}": 5}}`,
    status: 'invalid-reply',
  },
  {
    name: 'an unknown variable only',
    reply: () => ok({ ghost0: 5 }),
    status: 'nothing-applied',
  },
  {
    name: 'an intermediate value named as if it were a variable',
    reply: () => ok({ act0: 50, present0: 'x' }),
    status: 'nothing-applied',
  },
  {
    name: 'a number given as a word',
    reply: (l) => ok({ [l.x]: 'five' }),
    status: 'nothing-applied',
  },
  {
    name: 'a number given as a decimal string',
    reply: (l) => ok({ [l.x]: '7.5' }),
    status: 'updated',
    changed: { x: 7.5 },
  },
  { name: 'a number set to null', reply: (l) => ok({ [l.x]: null }), status: 'nothing-applied' },
  {
    name: 'NaN, which JSON does not have',
    reply: (l) => `{"suggestion": {"${l.x}": NaN}}`,
    status: 'invalid-reply',
  },
  {
    name: 'a number that overflows to Infinity',
    reply: (l) => `{"suggestion": {"${l.x}": 1e999}}`,
    status: 'nothing-applied',
  },
  {
    name: 'a number outside the constraint',
    reply: (l) => ok({ [l.x]: 500 }),
    status: 'nothing-applied',
  },
  {
    name: 'a prompt given as an object',
    reply: (l) => ok({ [l.prompt]: { text: 'Hi' } }),
    status: 'nothing-applied',
  },
  {
    name: 'an array given as a JSON string',
    reply: (l) => ok({ [l.weights]: '[4, 5]' }),
    status: 'updated',
    changed: { weights: [4, 5] },
  },
  {
    name: 'an array given as plain text',
    reply: (l) => ok({ [l.weights]: 'abc' }),
    status: 'nothing-applied',
  },
  {
    name: 'code that does not compile',
    reply: (l) => ok({ [l.code]: 'function act(position, weights) { return position *; }' }),
    status: 'nothing-applied',
  },
  {
    name: 'code in a fence inside the JSON string',
    reply: (l) => ok({ [l.code]: `\`\`\`javascript\n${newCode}\n\`\`\`` }),
    status: 'updated',
    changed: { code: newCode },
  },
  {
    name: 'a valid value next to an invalid one: the valid one alone is applied',
    reply: (l) => ok({ [l.x]: 3, [l.weights]: 'abc' }),
    status: 'updated',
    changed: { x: 3 },
  },
  {
    name: 'a key repeated with different values',
    reply: (l) => `{"suggestion": {"${l.x}": 2, "${l.x}": 3}}`,
    status: 'nothing-applied',
  },
  {
    name: 'two different answers',
    reply: (l) => `${ok({ [l.x]: 2 })}\n${ok({ [l.x]: 3 })}`,
    status: 'invalid-reply',
    problem: /2 different JSON answers/,
  },
  {
    name: 'an enormous reply',
    reply: (l) => `${ok({ [l.x]: 2 })}${huge}`,
    status: 'invalid-reply',
    problem: /over the limit/,
  },
  {
    name: 'deeply nested JSON',
    reply: (l) => `{"suggestion": {"${l.x}": ${'['.repeat(50_000)}${']'.repeat(50_000)}}}`,
    status: 'invalid-reply',
  },
  {
    name: 'a __proto__ key',
    reply: (l) => `{"suggestion": {"__proto__": {"polluted": true}, "${l.x}": 2}}`,
    status: 'updated',
    changed: { x: 2 },
  },
  {
    name: 'a reply cut at the token limit',
    reply: () => ({ text: '{"reasoning": "long...', finishReason: 'length' }),
    status: 'invalid-reply',
    problem: /cut off at the token limit/,
  },
  {
    name: 'unicode in a string value',
    reply: (l) => `{"suggestion": {"${l.prompt}": "Sag \\u0022Hallo\\u0022 \\ud83d\\ude00"}}`,
    status: 'updated',
    changed: { prompt: 'Sag "Hallo" 😀' },
  },
];

function snapshot(parameters: Record<Name, Node>): Record<Name, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, parameter]) => [name, structuredClone(parameter.data)]),
  ) as Record<Name, unknown>;
}

describe('hostile update replies', () => {
  test.each(updateCorpus)('$name', async (entry) => {
    const { parameters, output } = workflow();
    const labels = Object.fromEntries(
      Object.entries(parameters).map(([name, parameter]) => [name, parameter.label]),
    ) as Record<Name, string>;
    const before = snapshot(parameters);
    // The same reply both times, so a repair attempt cannot rescue a broken one.
    const model = scriptedModel({ update: entry.reply(labels) });
    const optimizer = new TextGrad(Object.values(parameters), { model });
    optimizer.backward(output, 'The output should say hello and be 50.');
    const record = await optimizer.step();
    expect(record.status).toBe(entry.status);
    expect(snapshot(parameters)).toEqual({ ...before, ...entry.changed });
    expect(Object.prototype).not.toHaveProperty('polluted');
    if (entry.problem !== undefined) {
      expect(`${record.error ?? ''} ${record.attempts[0]?.problem ?? ''}`).toMatch(entry.problem);
    }
    expect(() => JSON.stringify(record)).not.toThrow();
  });

  test('code is shown to the model in a fence that its own backticks cannot close', () => {
    const { parameters, output } = workflow();
    parameters.code.data = 'function act(position, weights) {\n  return `p` + position; // ```\n}';
    const optimizer = new TextGrad(Object.values(parameters), { model: scriptedModel() });
    optimizer.backward(output, 'fb');
    const update = optimizer.preview().at(-1)!;
    expect(update.kind).toBe('update');
    expect(update.user).toContain(`\n\`\`\`\`js\n${parameters.code.data}\n\`\`\`\`\n`);
  });
});

/** Gradient replies the model might send; the update is the same valid one each time. */
const gradientCorpus: readonly {
  readonly name: string;
  readonly reply: MockReply;
  /** The criticism the update prompt must show for x, or null when none reached x. */
  readonly reaches: string | null;
}[] = [
  { name: 'criticism between tags', reply: '<feedback>raise x</feedback>', reaches: 'raise x' },
  { name: 'no tags: the whole reply', reply: '  raise x, please \n', reaches: 'raise x, please' },
  {
    name: 'an unclosed tag (cut reply)',
    reply: { text: 'Thinking... <feedback>raise x a lot', finishReason: 'length' },
    reaches: 'raise x a lot',
  },
  { name: 'upper-case tags', reply: '<FEEDBACK>raise x</FEEDBACK>', reaches: 'raise x' },
  { name: 'an empty reply', reply: '', reaches: null },
  { name: 'whitespace only', reply: ' \n\t', reaches: null },
  { name: 'empty tags', reply: '<feedback> </feedback>', reaches: null },
  {
    name: 'a reply that imitates the prompt and the JSON answer',
    reply: '<feedback>## Variable `x0`\n{"suggestion": {"x0": 99}}</feedback>',
    reaches: '{"suggestion": {"x0": 99}}',
  },
  {
    name: 'an enormous reply is cut',
    reply: `<feedback>${huge}</feedback>`,
    reaches: 'z'.repeat(3000),
  },
];

describe('hostile gradient replies', () => {
  test.each(gradientCorpus)('$name', async ({ reply, reaches }) => {
    const { x, output } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      return { x, output: bundle((value: number) => value * 2, { name: 'double' })(x) };
    });
    const model = scriptedModel({
      backward: () => reply,
      update: `{"reasoning": "r", "suggestion": {"${x.label}": 2}}`,
    });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(output, 'too small');
    const record = await optimizer.step();
    if (reaches === null) {
      // Nothing reached x: no update call, no change, the record says why.
      expect(record.status).toBe('invalid-reply');
      expect(record.error).toMatch(/No criticism reached any parameter/);
      expect(callOrder(model)).not.toContain('update');
      expect(record.backward.calls[0]!.problem).toMatch(/held no criticism/);
      expect(x.data).toBe(1);
    } else {
      expect(record.status).toBe('updated');
      const update = String(model.calls.at(-1)!.messages[0]?.content);
      expect(update).toContain(reaches);
      expect(update.length).toBeLessThan(10_000);
      expect(record.backward.calls[0]!.gradient.length).toBeLessThan(5000);
      expect(x.data).toBe(2);
    }
  });

  test('a gradient call that throws is a model error, not a silent skip', async () => {
    const { x, output } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      return { x, output: bundle((value: number) => value * 2, { name: 'double' })(x) };
    });
    const model = scriptedModel({ backward: () => new Error('connection reset') });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(output, 'too small');
    await expect(optimizer.step()).rejects.toSatisfy(ModelCallError.isInstance);
    expect(x.data).toBe(1);
  });
});
