import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Node, node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { readStepLog, type SuggestionStepRecord } from '@trace/optimizer-kit';
import { describe, expect, test } from 'vitest';
import { trainableOperator } from '../test/graphs.js';
import {
  InvalidOptionsError,
  ModelCallError,
  OptoPrimeError,
  StepInProgressError,
} from './index.js';
import { OptoPrime } from './optoprime.js';
import { traceMaskedSections } from './report/report-sections.js';

const reply = (suggestion: Record<string, unknown>, reasoning = 'because') =>
  JSON.stringify({ reasoning, noChange: false, suggestion });

/** The numerical workflow: output = 3x + 1; the goal is 11. */
function numericRun(x: Node<number>, optimizer: OptoPrime) {
  optimizer.zeroFeedback();
  const result = scope(() => ops.add(ops.multiply(x, 3), 1));
  const feedback =
    result.data === 11
      ? 'Correct.'
      : `The output should be ${result.data < 11 ? 'larger' : 'smaller'}.`;
  optimizer.backward(result, feedback);
  return result;
}

describe('OptoPrime on a numerical workflow', () => {
  test('parameters change as the replies say, and records say what happened', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({
      responses: [reply({ x0: 2 }), reply({ x0: '10/3' }), reply({ x0: '3.5' })],
    });
    const records: SuggestionStepRecord[] = [];
    const optimizer = new OptoPrime([x], { model, memorySize: 1, onStep: (r) => records.push(r) });

    numericRun(x, optimizer);
    const first = await optimizer.step();
    expect(first).toMatchObject({
      optimizer: 'optoprime',
      step: 1,
      status: 'updated',
      model: 'mock:mock-model',
      applied: [{ name: 'x:0', label: 'x0', before: -1, after: 2 }],
      rejected: [],
      reasoning: 'because',
      suggestion: { x0: 2 },
    });
    expect(first.tokens.input).toBeGreaterThan(0);
    expect(first.prompt?.user).toContain('(number) x0 = -1');
    expect(first.prompt?.user).toContain('The output should be larger.');
    expect(x.data).toBe(2);

    numericRun(x, optimizer);
    const second = await optimizer.step();
    // '10/3' is not a number: asked once, no repair needed since the JSON itself was fine.
    expect(second.status).toBe('nothing-applied');
    expect(second.rejected).toEqual([
      { key: 'x0', reason: 'expected a number, got a string ("10/3")', value: '10/3' },
    ]);
    expect(x.data).toBe(2);
    // Memory: the second prompt shows the first step's variables and feedback.
    expect(model.calls[1]?.messages[0]?.content).toContain(
      '#History\nEarlier values of the variables',
    );
    expect(model.calls[1]?.messages[0]?.content).toContain(
      '[earlier attempt 1]\nVariables:\n(number) x0 = -1\nFeedback:\nThe output should be larger.',
    );

    numericRun(x, optimizer);
    await optimizer.step();
    expect(x.data).toBe(3.5);
    expect(records.map((record) => record.status)).toEqual([
      'updated',
      'nothing-applied',
      'updated',
    ]);
    expect(optimizer.memory).toHaveLength(1);
    expect(model.calls[0]).toMatchObject({ json: true, maxTokens: 4096 });
    expect(model.calls[0]?.system).toContain('Reply with exactly one JSON object');
    expect(model.calls[0]?.system).not.toContain('{{');
  });

  test('masking hides the program from the prompt; the example is optional', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: reply({ x0: 1 }) });
    const masked = new OptoPrime([x], {
      model,
      hiddenSections: traceMaskedSections,
      inContextExample: true,
    });
    numericRun(x, masked);
    await masked.step();
    const prompt = model.calls[0]!;
    expect(prompt.messages[0]?.content).not.toContain('#Code');
    expect(prompt.messages[0]?.content).not.toContain('#Others');
    expect(prompt.messages[0]?.content).toContain('#Variables\n(number) x0 = -1');
    expect(prompt.system).not.toContain('#Code:');
    expect(prompt.system).toContain('Example. For this report:');

    const plain = new OptoPrime([x], { model });
    numericRun(x, plain);
    await plain.step();
    expect(model.calls[1]?.system).toContain('#Code:');
    expect(model.calls[1]?.system).not.toContain('Example.');
    expect(model.calls[1]?.messages[0]?.content).toContain('multiply0 = multiply(a=x0, b=number0)');
  });

  test('no feedback means no model call', async () => {
    const x = node(1, { trainable: true });
    const model = new MockLLM();
    const optimizer = new OptoPrime([x], { model });
    const record = await optimizer.step();
    expect(record.status).toBe('no-feedback');
    expect(model.callCount).toBe(0);
    expect(optimizer.render()).toBeUndefined();
  });

  test('a failed model call emits a record, changes nothing and throws ModelCallError', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: [new Error('connection reset')] });
    const records: SuggestionStepRecord[] = [];
    const optimizer = new OptoPrime([x], { model, onStep: (record) => records.push(record) });
    numericRun(x, optimizer);
    const failure = await optimizer.step().catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as ModelCallError).cause).toBeInstanceOf(Error);
    expect(records[0]).toMatchObject({
      status: 'model-error',
      error: expect.stringMatching(/connection reset/),
    });
    expect(x.data).toBe(-1);
  });

  test('step() refuses to run twice at once', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: reply({ x0: 1 }), latencyMs: 5 });
    const optimizer = new OptoPrime([x], { model });
    numericRun(x, optimizer);
    const running = optimizer.step();
    await expect(optimizer.step()).rejects.toSatisfy(StepInProgressError.isInstance);
    await running;
    expect(x.data).toBe(1);
  });

  test('every step is appended to the JSONL log', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'optoprime-'));
    try {
      const path = join(directory, 'steps.jsonl');
      const x = scope(() => node(-1, { name: 'x', trainable: true }));
      const model = new MockLLM({ responses: ['no json at all', reply({ x0: 4 })] });
      const optimizer = new OptoPrime([x], { model, logPath: path });
      numericRun(x, optimizer);
      await optimizer.step();
      const records = await readStepLog(path);
      expect(records).toHaveLength(1);
      const logged = records[0]!;
      expect(logged.status).toBe('updated');
      expect(logged.attempts.map((attempt: { problem?: string }) => attempt.problem)).toEqual([
        'The reply contains no JSON object.',
        undefined,
      ]);
      expect(logged.applied).toEqual([{ name: 'x:0', label: 'x0', before: -1, after: 4 }]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  test('options are checked, all problems at once', () => {
    const x = node(1, { trainable: true });
    expect(() => new OptoPrime([x], { model: {} as never, memorySize: -1 })).toThrow(
      /options.model must be a LanguageModel.*options.memorySize must be an integer >= 0/,
    );
    expect(
      () => new OptoPrime([x], { model: new MockLLM(), hiddenSections: ['feedback'] }),
    ).toThrow(InvalidOptionsError);
    expect(() => new OptoPrime([], { model: new MockLLM() })).toThrow(/no parameters/);
    expect(() => new OptoPrime([node(1)], { model: new MockLLM() })).toThrow(/not trainable/);
  });

  test('its errors are the shared optimizer errors, also under the old name OptoPrimeError', () => {
    let thrown: unknown;
    try {
      new OptoPrime([node(1, { trainable: true })], { model: new MockLLM(), memorySize: -1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OptoPrimeError);
    expect(OptoPrimeError.isInstance(thrown)).toBe(true);
    expect(InvalidOptionsError.isInstance(thrown)).toBe(true);
    expect((thrown as OptoPrimeError).code).toBe('INVALID_OPTIONS');
    expect((thrown as Error).message).toBe(
      'OptoPrime cannot start: options.memorySize must be an integer >= 0, got -1.',
    );
  });

  test('state round-trips for checkpoints', async () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const model = new MockLLM({ responses: reply({ x0: 1 }) });
    const optimizer = new OptoPrime([x], { model, memorySize: 2 });
    numericRun(x, optimizer);
    await optimizer.step();
    const restored = new OptoPrime([x], { model, memorySize: 2 });
    restored.loadState(JSON.parse(JSON.stringify(optimizer.exportState())));
    expect(restored.exportState()).toEqual(optimizer.exportState());
    expect(() => restored.loadState({ steps: -1, memory: [] })).toThrow(InvalidOptionsError);
  });
});

describe('OptoPrime on a workflow with a trainable function', () => {
  test('the next forward pass runs the accepted code; code that does not compile is refused', async () => {
    const { act, code, speed, position } = trainableOperator();
    const newCode = 'function act(position, speed) {\n  return position * speed + 6;\n}';
    const model = new MockLLM({
      responses: [
        reply({ [code.label]: 'function act(position, speed) { return position *; }' }),
        reply({ [code.label]: newCode, [speed.label]: 2 }),
      ],
    });
    const optimizer = new OptoPrime([code, speed], { model });
    const run = () => {
      optimizer.zeroFeedback();
      const output = act(position, speed);
      optimizer.backward(
        output,
        output.data === 12 ? 'Correct.' : 'The robot should move 12 steps.',
      );
      return output;
    };
    expect(run().data).toBe(6);
    const refused = await optimizer.step();
    expect(refused.status).toBe('nothing-applied');
    expect(refused.rejected[0]?.reason).toMatch(/SyntaxError|does not compile/);
    expect(run().data).toBe(6);
    const accepted = await optimizer.step();
    expect(accepted.applied.map((update) => update.label)).toEqual([code.label]);
    expect(accepted.unchanged).toEqual([speed.label]);
    expect(code.data).toBe(newCode);
    expect(run().data).toBe(12);
  });
});

describe('OptoPrime memory budget', () => {
  test('memory shown in the prompt stays within maxHistoryLength, oldest left out, and says so', () => {
    const x = scope(() => node(-1, { name: 'x', trainable: true }));
    const optimizer = new OptoPrime([x], {
      model: new MockLLM(),
      memorySize: 500,
      maxHistoryLength: 5_000,
    });
    const memory = Array.from({ length: 500 }, (_, index) => ({
      variables: `(number) x0 = ${index}`,
      feedback: `step ${index}: ${'larger; '.repeat(20)}`,
    }));
    optimizer.loadState({ steps: 500, memory });
    optimizer.backward(
      scope(() => ops.add(x as Node<number>, 1)),
      'Larger.',
    );
    const user = optimizer.render()!.user;
    const history = user.slice(0, user.indexOf('#Instruction'));
    expect(history.length).toBeLessThanOrEqual(5_300);
    const shown = history.match(/\[earlier attempt \d+\]/g)!;
    const omitted = 500 - shown.length;
    expect(history).toContain(
      `(The ${omitted} oldest earlier attempts are left out to keep the prompt within its length budget.)\n\n[earlier attempt ${omitted + 1}]`,
    );
    expect(history).toContain('step 499: ');
  });
});
