import { bundle, constraints, type Node, node, scope } from '@trace/core';
import type { MockReply } from '@trace/llm/test';
import { MockLLM } from '@trace/llm/test';
import type { SuggestionStepRecord } from '@trace/optimizer-kit';
import { describe, expect, test } from 'vitest';
import { ModelCallError } from './index.js';
import { OptoPrime } from './optoprime.js';

/** A workflow with a number, a prompt, an array and a code parameter, all reaching one output. */
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
    return { x, prompt, weights, code, output };
  });
}

type Name = 'x' | 'prompt' | 'weights' | 'code';
const newCode = 'function act(position, weights) {\n  return position * 10;\n}';

interface Case {
  /** What the reply is. */
  readonly name: string;
  /** The replies to the first call and, when it is asked again, the second (last one repeats). */
  readonly replies: readonly MockReply[];
  readonly status: SuggestionStepRecord['status'];
  /** Parameters expected to change, with their new values; all others must keep their values. */
  readonly changed?: Partial<Record<Name, unknown>>;
  /** Keys expected among the rejected. */
  readonly rejected?: readonly string[];
  /** Pattern the first attempt's problem (or the step error) must match. */
  readonly problem?: RegExp;
}

const ok = (suggestion: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ reasoning: 'r', noChange: false, suggestion, ...extra });
const huge = 'z'.repeat(300_000);

const corpus: readonly Case[] = [
  {
    name: 'a valid update of every kind of parameter',
    replies: [ok({ x0: 5, prompt0: 'Say hello.', weights0: [3], __code_act0: newCode })],
    status: 'updated',
    changed: { x: 5, prompt: 'Say hello.', weights: [3], code: newCode },
  },
  { name: 'one variable', replies: [ok({ x0: 5 })], status: 'updated', changed: { x: 5 } },
  {
    name: 'a json code fence',
    replies: [`\`\`\`json\n${ok({ x0: 6 })}\n\`\`\``],
    status: 'updated',
    changed: { x: 6 },
  },
  {
    name: 'prose before and after the object',
    replies: [`Looking at the trace, x0 is too small.\n${ok({ x0: 7 })}\nHope this helps!`],
    status: 'updated',
    changed: { x: 7 },
  },
  {
    name: 'nested fences: a code value holding a fence inside a fenced reply',
    replies: [`\`\`\`\`json\n${ok({ __code_act0: `\`\`\`js\n${newCode}\n\`\`\`` })}\n\`\`\`\``],
    status: 'updated',
    changed: { code: newCode },
  },
  {
    name: 'the whole object sent as one JSON string',
    replies: [JSON.stringify(ok({ x0: 8 }))],
    status: 'updated',
    changed: { x: 8 },
  },
  {
    name: 'a missing closing brace, corrected when asked again',
    replies: ['{"reasoning": "r", "suggestion": {"x0": 9}', ok({ x0: 9 })],
    status: 'updated',
    changed: { x: 9 },
    problem: /no valid JSON object: Expected ',' or '}'/,
  },
  {
    name: 'a missing closing brace, twice',
    replies: ['{"reasoning": "r", "suggestion": {"x0": 9}'],
    status: 'invalid-reply',
    problem: /no valid JSON object/,
  },
  {
    name: 'single-quoted JSON',
    replies: ["{'suggestion': {'x0': 5}}"],
    status: 'invalid-reply',
    problem: /property name in double quotes/,
  },
  {
    name: 'trailing commas',
    replies: ['{"reasoning": "r", "suggestion": {"x0": 4,},}'],
    status: 'updated',
    changed: { x: 4 },
  },
  { name: 'an empty reply', replies: [''], status: 'invalid-reply', problem: /empty/ },
  { name: 'only whitespace', replies: ['  \n\t '], status: 'invalid-reply', problem: /empty/ },
  {
    name: 'prose without JSON',
    replies: ['I would set x0 to 5 and keep the rest.'],
    status: 'invalid-reply',
    problem: /no JSON object/,
  },
  {
    name: 'wrong top-level keys',
    replies: ['{"variables": {"x0": 5}, "thoughts": "r"}'],
    status: 'invalid-reply',
    problem: /neither a "suggestion" nor a "noChange" key/,
  },
  {
    name: 'suggestion given as an array',
    replies: ['{"suggestion": [{"x0": 5}]}'],
    status: 'invalid-reply',
    problem: /suggestion: expected an object/,
  },
  {
    name: 'suggestion given as a string',
    replies: ['{"suggestion": "x0 = 5"}'],
    status: 'invalid-reply',
    problem: /suggestion: expected an object/,
  },
  {
    name: 'noChange as a string',
    replies: ['{"noChange": "true", "suggestion": {}}'],
    status: 'invalid-reply',
    problem: /noChange/,
  },
  {
    name: 'an explicit no change',
    replies: ['{"reasoning": "all good", "noChange": true, "suggestion": {}}'],
    status: 'no-change',
  },
  {
    name: 'noChange true with suggestions',
    replies: ['{"noChange": true, "suggestion": {"x0": 5}}'],
    status: 'invalid-reply',
    problem: /"noChange" is true but "suggestion" has 1/,
  },
  {
    name: 'an empty suggestion without noChange',
    replies: ['{"reasoning": "hmm", "suggestion": {}}'],
    status: 'invalid-reply',
    problem: /"suggestion" is empty but "noChange" is not true/,
  },
  {
    name: 'no-change words inside the reasoning',
    replies: [
      ok({ x0: 3 }, { reasoning: 'TERMINATE? No change... NO_CHANGE. Actually raise x0.' }),
    ],
    status: 'updated',
    changed: { x: 3 },
  },
  {
    name: 'an unknown variable only',
    replies: [ok({ y0: 5 })],
    status: 'nothing-applied',
    rejected: ['y0'],
  },
  {
    name: 'an unknown variable next to a valid one',
    replies: [ok({ ghost: 1, x0: 2 })],
    status: 'updated',
    changed: { x: 2 },
    rejected: ['ghost'],
  },
  {
    name: 'an intermediate value named as if it were a variable',
    replies: [ok({ act0: 50 })],
    status: 'nothing-applied',
    rejected: ['act0'],
  },
  {
    name: 'a number given as a word',
    replies: [ok({ x0: 'five' })],
    status: 'nothing-applied',
    rejected: ['x0'],
  },
  {
    name: 'a number given as a decimal string',
    replies: [ok({ x0: '7.5' })],
    status: 'updated',
    changed: { x: 7.5 },
  },
  {
    name: 'a number set to null',
    replies: [ok({ x0: null })],
    status: 'nothing-applied',
    rejected: ['x0'],
  },
  {
    name: 'NaN, which JSON does not have',
    replies: ['{"suggestion": {"x0": NaN}}'],
    status: 'invalid-reply',
    problem: /Expected a JSON value/,
  },
  {
    name: 'a number that overflows to Infinity',
    replies: ['{"suggestion": {"x0": 1e999}}'],
    status: 'nothing-applied',
    rejected: ['x0'],
  },
  {
    name: 'a number outside the constraint',
    replies: [ok({ x0: 500 })],
    status: 'nothing-applied',
    rejected: ['x0'],
  },
  {
    name: 'a prompt given as an object',
    replies: [ok({ prompt0: { text: 'Hi' } })],
    status: 'nothing-applied',
    rejected: ['prompt0'],
  },
  {
    name: 'a prompt given as a number',
    replies: [ok({ prompt0: 42 })],
    status: 'updated',
    changed: { prompt: '42' },
  },
  {
    name: 'an array given as a JSON string',
    replies: [ok({ weights0: '[4, 5]' })],
    status: 'updated',
    changed: { weights: [4, 5] },
  },
  {
    name: 'an array given as plain text (never split into characters)',
    replies: [ok({ weights0: 'abc' })],
    status: 'nothing-applied',
    rejected: ['weights0'],
  },
  {
    name: 'an array of numbers given strings',
    replies: [ok({ weights0: ['1', '2'] })],
    status: 'nothing-applied',
    rejected: ['weights0'],
  },
  {
    name: 'code that does not compile',
    replies: [ok({ __code_act0: 'function act(position, weights) { return position *; }' })],
    status: 'nothing-applied',
    rejected: ['__code_act0'],
  },
  {
    name: 'code wrapped in a fence inside the JSON string',
    replies: [ok({ __code_act0: `\`\`\`javascript\n${newCode}\n\`\`\`` })],
    status: 'updated',
    changed: { code: newCode },
  },
  {
    name: 'code given as a number',
    replies: [ok({ __code_act0: 7 })],
    status: 'nothing-applied',
    rejected: ['__code_act0'],
  },
  {
    name: 'code given as an empty string',
    replies: [ok({ __code_act0: '' })],
    status: 'nothing-applied',
    rejected: ['__code_act0'],
  },
  {
    name: 'a key repeated with different values',
    replies: ['{"suggestion": {"x0": 2, "x0": 3}}'],
    status: 'nothing-applied',
    rejected: ['x0'],
  },
  {
    name: 'a key repeated with the same value',
    replies: ['{"suggestion": {"x0": 2, "x0": 2}}'],
    status: 'updated',
    changed: { x: 2 },
  },
  {
    name: 'the suggestion key given twice',
    replies: ['{"suggestion": {"x0": 2}, "suggestion": {"x0": 3}}'],
    status: 'invalid-reply',
    problem: /"suggestion" appears 2 times/,
  },
  {
    name: 'two different answers',
    replies: [`First try: ${ok({ x0: 2 })}\nOn reflection: ${ok({ x0: 3 })}`],
    status: 'invalid-reply',
    problem: /2 different JSON answers/,
  },
  {
    name: 'the same answer twice',
    replies: [`${ok({ x0: 2 })}\n${ok({ x0: 2 })}`],
    status: 'updated',
    changed: { x: 2 },
  },
  {
    name: 'an enormous reply',
    replies: [`${ok({ x0: 2 })}${huge}`],
    status: 'invalid-reply',
    problem: /over the limit of 200000; it was not read/,
  },
  {
    name: 'an enormous value inside valid JSON',
    replies: [ok({ prompt0: 'p'.repeat(190_000) }, { reasoning: 'r'.repeat(20_000) })],
    status: 'invalid-reply',
    problem: /over the limit/,
  },
  {
    name: 'deeply nested JSON',
    replies: [`{"suggestion": {"x0": ${'['.repeat(50_000)}${']'.repeat(50_000)}}}`],
    status: 'invalid-reply',
    problem: /Nesting deeper than 200 levels/,
  },
  {
    name: 'a __proto__ key',
    replies: ['{"suggestion": {"__proto__": {"polluted": true}, "x0": 2}}'],
    status: 'updated',
    changed: { x: 2 },
    rejected: ['__proto__'],
  },
  {
    name: 'a key with spaces around the name',
    replies: [ok({ ' x0 ': 11 })],
    status: 'updated',
    changed: { x: 11 },
  },
  {
    name: 'a key written as the node name',
    replies: [ok({ 'x:0': 12 })],
    status: 'updated',
    changed: { x: 12 },
  },
  {
    name: 'label and node name with different values',
    replies: [ok({ x0: 12, 'x:0': 13 })],
    status: 'nothing-applied',
    rejected: ['x0', 'x:0'],
  },
  {
    name: 'a reply cut at the token limit',
    replies: [{ text: '{"reasoning": "long...', finishReason: 'length' }],
    status: 'invalid-reply',
    problem: /cut off at the token limit/,
  },
  {
    name: 'the answer inside a JSON array',
    replies: [`[${ok({ x0: 14 })}]`],
    status: 'updated',
    changed: { x: 14 },
  },
  {
    name: 'Python literals',
    replies: ['{"noChange": False, "suggestion": {"x0": None}}'],
    status: 'invalid-reply',
    problem: /Expected a JSON value/,
  },
  {
    name: 'a comment inside the JSON',
    replies: ['{"suggestion": {"x0": 5} // raise x0\n}'],
    status: 'invalid-reply',
    problem: /no valid JSON object/,
  },
  {
    name: 'unicode escapes in a string value',
    replies: ['{"suggestion": {"prompt0": "Sag \\u0022Hallo\\u0022 \\ud83d\\ude00"}}'],
    status: 'updated',
    changed: { prompt: 'Sag "Hallo" 😀' },
  },
  {
    name: 'a JSON string of prose',
    replies: ['"I cannot help with that."'],
    status: 'invalid-reply',
    problem: /no JSON object/,
  },
  {
    name: 'reasoning of the wrong type is kept as text',
    replies: ['{"reasoning": ["a", "b"], "suggestion": {"x0": 15}}'],
    status: 'updated',
    changed: { x: 15 },
  },
  {
    name: 'the model call fails',
    replies: [new Error('503 Service Unavailable')],
    status: 'model-error',
    problem: /503 Service Unavailable/,
  },
];

describe('OptoPrime against hostile replies', () => {
  test('the corpus has at least 40 entries', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
  });

  test.each(corpus.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const parameters = workflow();
    const nodes: Record<Name, Node> = parameters;
    const before = Object.fromEntries(
      (Object.keys(nodes) as Name[]).map((name) => [name, structuredClone(nodes[name].data)]),
    );
    const model = new MockLLM({
      responses: (_request, index) => entry.replies[Math.min(index, entry.replies.length - 1)]!,
    });
    const records: SuggestionStepRecord[] = [];
    const optimizer = new OptoPrime([nodes.x, nodes.prompt, nodes.weights, nodes.code], {
      model,
      onStep: (record) => records.push(record),
    });
    optimizer.backward(parameters.output, 'Make the output larger.');

    let record: SuggestionStepRecord;
    if (entry.status === 'model-error') {
      const failure = await optimizer.step().catch((error: unknown) => error);
      expect(ModelCallError.isInstance(failure)).toBe(true);
      record = records[0]!;
    } else {
      record = await optimizer.step();
    }

    // The outcome is reported.
    expect(record.status).toBe(entry.status);
    expect(records).toEqual([record]);
    if (entry.problem !== undefined) {
      const problem = record.attempts[0]?.problem ?? record.error ?? '';
      expect(problem).toMatch(entry.problem);
    }
    if (entry.status === 'invalid-reply') {
      expect(record.attempts).toHaveLength(2);
      expect(record.attempts.every((attempt) => attempt.problem !== undefined)).toBe(true);
    }
    for (const key of Object.keys(record.suggestion ?? {})) {
      const reported =
        record.applied.some((update) => update.label === key.trim() || update.name === key) ||
        record.rejected.some((rejection) => rejection.key.split(', ').includes(key)) ||
        record.unchanged.includes(key.trim());
      expect(reported, `suggestion key ${key} is reported`).toBe(true);
    }
    expect(record.rejected.map((rejection) => rejection.key)).toEqual(
      expect.arrayContaining([...(entry.rejected ?? [])]),
    );
    for (const rejection of record.rejected) expect(rejection.reason).not.toBe('');

    // Parameters are unchanged or validly changed, never half-updated.
    for (const name of Object.keys(nodes) as Name[]) {
      const expected = entry.changed && name in entry.changed ? entry.changed[name] : before[name];
      expect(nodes[name].data, name).toEqual(expected);
    }
    expect(record.applied).toHaveLength(Object.keys(entry.changed ?? {}).length);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });
});
