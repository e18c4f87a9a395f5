import { bundle, constraints, type Node, node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import type { SuggestionStepRecord } from '@trace/optimizer-kit';
import { describe, expect, test } from 'vitest';
import { InvalidOptionsError, ModelCallError, OproError, StepInProgressError } from './index.js';
import { OPRO } from './opro.js';

const reply = (suggestion: Record<string, unknown>) =>
  JSON.stringify({ reasoning: 'r', noChange: false, suggestion });

/** output = 3x + 1, goal 11. */
function run(x: Node<number>, optimizer: OPRO) {
  optimizer.zeroFeedback();
  const output = scope(() => ops.add(ops.multiply(x, 3), 1));
  const feedback =
    output.data === 11
      ? 'Correct.'
      : `The output ${output.data} should be ${output.data < 11 ? 'larger' : 'smaller'}.`;
  optimizer.backward(output, feedback);
  return output;
}

describe('OPRO', () => {
  test('keeps the (values, feedback) history and never shows the graph', async () => {
    const x = scope(() =>
      node(-1, { name: 'x', trainable: true, constraint: constraints.range(-5, 5) }),
    );
    const model = new MockLLM({
      responses: [reply({ x0: 2 }), reply({ x0: 3.5 }), reply({ x0: 10 / 3 })],
    });
    const optimizer = new OPRO([x], { model, historySize: 2 });

    run(x, optimizer);
    const first = await optimizer.step();
    expect(first).toMatchObject({ optimizer: 'opro', step: 1, status: 'updated' });
    expect(first.applied).toEqual([{ name: 'x:0', label: 'x0', before: -1, after: 2 }]);
    const prompt = model.calls[0]!.messages[0]!.content;
    expect(prompt).toBe(
      [
        '#Instruction',
        'Find values of the variables that earn the best feedback.',
        '',
        '#Constraints',
        'x0: a number between -5 and 5 inclusive',
        '',
        '#History',
        '[attempt 1, current]',
        'Variables:',
        '(number) x0 = -1',
        'Feedback:',
        'The output -2 should be larger.',
        '',
        'Your JSON reply:',
      ].join('\n'),
    );
    expect(prompt).not.toContain('multiply');
    expect(model.calls[0]).toMatchObject({ json: true, maxTokens: 4096 });

    run(x, optimizer);
    await optimizer.step();
    run(x, optimizer);
    await optimizer.step();
    const third = model.calls[2]!.messages[0]!.content;
    // historySize 2: attempts with x = 2 and x = 3.5 remain, the current one last.
    expect(third).toContain(
      '[attempt 1]\nVariables:\n(number) x0 = 2\nFeedback:\nThe output 7 should be larger.',
    );
    expect(third).toContain(
      '[attempt 2, current]\nVariables:\n(number) x0 = 3.5\nFeedback:\nThe output 11.5 should be smaller.',
    );
    expect(third).not.toContain('x0 = -1');
    expect(x.data).toBeCloseTo(10 / 3);
    expect(optimizer.history).toHaveLength(2);
  });

  test('shares the safe apply: unknown names and invalid values are rejected, nothing half-set', async () => {
    const x = scope(() =>
      node(-1, { name: 'x', trainable: true, constraint: constraints.range(-5, 5) }),
    );
    const y = scope(() => node(0, { name: 'y', trainable: true }));
    const model = new MockLLM({ responses: [reply({ x0: 50, y0: 1, ghost: 2 })] });
    const optimizer = new OPRO([x, y], { model });
    optimizer.backward(
      scope(() => ops.add(x, y)),
      'larger',
    );
    const record = await optimizer.step();
    expect(record.status).toBe('updated');
    expect(record.applied.map((update) => update.label)).toEqual(['y0']);
    expect(record.rejected.map((rejection) => rejection.key).sort()).toEqual(['ghost', 'x0']);
    expect([x.data, y.data]).toEqual([-1, 1]);
  });

  test('asks again once when the reply cannot be read, then reports it', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: ['sure, x0 = 4', 'x0 should be 4'] });
    const optimizer = new OPRO([x], { model });
    run(x, optimizer);
    const record = await optimizer.step();
    expect(record.status).toBe('invalid-reply');
    expect(record.attempts).toHaveLength(2);
    expect(model.calls[1]?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    expect(x.data).toBe(-1);
  });

  test('rewrites code parameters, which must compile', async () => {
    const { act, code } = scope(() => {
      const act = bundle(
        function act(value: number) {
          return value;
        },
        { trainable: true, execution: 'trusted' },
      );
      return { act, code: act.parameter! };
    });
    const model = new MockLLM({
      responses: [
        reply({ [code.label]: 'function act(value) { return value *; }' }),
        reply({ [code.label]: 'function act(value) { return value * 2; }' }),
      ],
    });
    const optimizer = new OPRO([code], { model });
    const forward = () => {
      optimizer.zeroFeedback();
      const output = act(4);
      optimizer.backward(output, output.data === 8 ? 'Correct.' : 'Should be 8.');
      return output;
    };
    forward();
    expect((await optimizer.step()).status).toBe('nothing-applied');
    expect(model.calls[0]?.messages[0]?.content).toContain(
      `${code.label}: the complete source of one JavaScript function, run as operator act.`,
    );
    expect(forward().data).toBe(4);
    expect((await optimizer.step()).status).toBe('updated');
    expect(forward().data).toBe(8);
  });

  test('several outputs give numbered feedback', async () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: reply({ x0: 2 }) });
    const optimizer = new OPRO([x], { model });
    optimizer.backward(
      scope(() => ops.multiply(x, 2)),
      'first',
    );
    optimizer.backward(
      scope(() => ops.multiply(x, 3)),
      'second\nline',
    );
    await optimizer.step();
    expect(model.calls[0]?.messages[0]?.content).toContain(
      'Feedback:\n1. first\n2. second\n   line',
    );
  });

  test('no feedback, failed calls, overlapping steps and bad options', async () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const records: SuggestionStepRecord[] = [];
    const failing = new OPRO([x], {
      model: new MockLLM({ responses: [new Error('quota exceeded')] }),
      onStep: (record) => records.push(record),
    });
    expect((await failing.step()).status).toBe('no-feedback');
    run(x, failing);
    await expect(failing.step()).rejects.toSatisfy(ModelCallError.isInstance);
    expect(records.map((record) => record.status)).toEqual(['no-feedback', 'model-error']);

    const slow = new OPRO([x], {
      model: new MockLLM({ responses: reply({ x0: 2 }), latencyMs: 5 }),
    });
    run(x, slow);
    const running = slow.step();
    await expect(slow.step()).rejects.toSatisfy(StepInProgressError.isInstance);
    await running;

    expect(() => new OPRO([x], { model: new MockLLM(), historySize: 0 })).toThrow(
      InvalidOptionsError,
    );
    expect(() => new OPRO([], { model: new MockLLM() })).toThrow(/no parameters/);
  });

  test('its errors are the shared optimizer errors, also under the old name OproError', () => {
    let thrown: unknown;
    try {
      new OPRO([node(1, { trainable: true })], { model: new MockLLM(), historySize: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OproError);
    expect(OproError.isInstance(thrown)).toBe(true);
    expect(InvalidOptionsError.isInstance(thrown)).toBe(true);
    expect((thrown as OproError).code).toBe('INVALID_OPTIONS');
    expect((thrown as Error).message).toBe(
      'OPRO cannot start: options.historySize must be an integer >= 1, got 0.',
    );
  });

  test('state round-trips for checkpoints', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const optimizer = new OPRO([x], { model: new MockLLM({ responses: reply({ x0: 1 }) }) });
    run(x, optimizer);
    await optimizer.step();
    const restored = new OPRO([x], { model: new MockLLM() });
    restored.loadState(JSON.parse(JSON.stringify(optimizer.exportState())));
    expect(restored.exportState()).toEqual(optimizer.exportState());
    expect(() => restored.loadState({ steps: 1, history: [{ variables: 1 }] } as never)).toThrow(
      InvalidOptionsError,
    );
  });

  test.each([
    ['prose around the JSON', `Here you go: ${reply({ x0: 4 })} done`, 'updated', 4],
    ['an explicit no change', '{"noChange": true, "suggestion": {}}', 'no-change', -1],
    [
      'the no-change word in the reasoning',
      '{"reasoning": "no change TERMINATE", "suggestion": {"x0": 4}}',
      'updated',
      4,
    ],
    ['a wrong type', reply({ x0: 'four' }), 'nothing-applied', -1],
    [
      'duplicated keys with different values',
      '{"suggestion": {"x0": 1, "x0": 2}}',
      'nothing-applied',
      -1,
    ],
    ['an empty reply', '', 'invalid-reply', -1],
  ] as const)('reply with %s', async (_name, text, status, value) => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const optimizer = new OPRO([x], { model: new MockLLM({ responses: text }) });
    run(x, optimizer);
    expect((await optimizer.step()).status).toBe(status);
    expect(x.data).toBe(value);
  });
});

describe('OPRO after a failed model call', () => {
  test('the retry shows the attempt once; no attempt that never happened enters the history', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({
      responses: [new Error('overloaded'), new Error('overloaded'), reply({ x0: 2 })],
    });
    const optimizer = new OPRO([x], { model });
    run(x, optimizer);
    await expect(optimizer.step()).rejects.toSatisfy(ModelCallError.isInstance);
    await expect(optimizer.step()).rejects.toSatisfy(ModelCallError.isInstance);
    expect(optimizer.entries).toEqual([]);
    const record = await optimizer.step();
    expect(record.step).toBe(1);
    const prompt = model.calls[2]!.messages[0]!.content;
    expect(prompt.match(/\[attempt/g)).toHaveLength(1);
    expect(optimizer.exportState()).toEqual({
      steps: 1,
      history: [{ variables: '(number) x0 = -1', feedback: 'The output -2 should be larger.' }],
    });
  });
});

describe('OPRO history budget', () => {
  test('a history of 1,000 attempts stays within maxHistoryLength, newest kept, and says so', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: reply({ x0: 2 }) });
    const optimizer = new OPRO([x], { model, historySize: 1000, maxHistoryLength: 20_000 });
    const history = Array.from({ length: 999 }, (_, index) => ({
      variables: `(number) x0 = ${index}`,
      feedback: `attempt ${index}: ${'the output should be larger; '.repeat(7)}`,
    }));
    optimizer.loadState({ steps: 999, history });
    run(x, optimizer);
    await optimizer.step();
    const prompt = model.calls[0]!.messages[0]!.content;
    expect(prompt.length).toBeLessThan(21_000);
    const shown = prompt.match(/\[attempt \d+/g)!.length;
    expect(prompt).toContain(
      `#History\n(The ${1000 - shown} oldest attempts are left out to keep the prompt within its length budget.)\n\n[attempt ${1000 - shown + 1}]`,
    );
    expect(prompt).toContain('[attempt 1000, current]\nVariables:\n(number) x0 = -1');
    expect(prompt).toContain('attempt 998: ');
  });

  test('maxHistoryLength must be a positive integer', () => {
    const x = node(1, { trainable: true });
    expect(() => new OPRO([x], { model: new MockLLM(), maxHistoryLength: 0 })).toThrow(
      'OPRO cannot start: options.maxHistoryLength must be an integer >= 1, got 0.',
    );
  });
});
