import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Node, node, ops, type ParameterSource, scope, TraceGraph } from '@trace/core';
import { MockLLM, type MockResponses } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { InvalidOptionsError } from './errors/invalid-options-error.js';
import { ModelCallError } from './errors/model-call-error.js';
import { OptimizerError } from './errors/optimizer-error.js';
import { StepInProgressError } from './errors/step-in-progress-error.js';
import { SuggestionOptimizer, type SuggestionPrompt } from './suggestion-optimizer.js';
import { resolveSuggestionOptions, type SuggestionOptimizerOptions } from './suggestion-options.js';
import { feedbackText, readStepLog, type SuggestionStepRecord } from './suggestions/index.js';

/** A minimal optimizer: shows x and the feedback, keeps one entry per step under `tries`. */
class Probe extends SuggestionOptimizer<'tries'> {
  readonly seen: (readonly TraceGraph[])[] = [];
  failPrompt = false;

  constructor(
    parameters: ParameterSource,
    options: SuggestionOptimizerOptions & { readonly keep?: number },
  ) {
    super(parameters, {
      name: 'probe',
      title: 'Probe',
      options: resolveSuggestionOptions('Probe', options),
      stateKey: 'tries',
      entryLimit: options.keep ?? 2,
    });
  }

  get tries() {
    return this.entries;
  }

  protected prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt {
    if (this.failPrompt) throw new RangeError('prompt failed');
    this.seen.push(graphs);
    const x = this.parameters[0]!;
    const feedback = graphs.map((graph) => feedbackText(graph.userFeedback)).join(' | ');
    const entry = { variables: `x = ${String(x.data)}`, feedback };
    return {
      system: 'Reply with JSON.',
      user: `x = ${String(x.data)}; tries: ${this.entriesWith(entry).length}; feedback: ${feedback}`,
      variables: new Map([['x', x]]),
      entry,
    };
  }
}

const suggest = (value: unknown) => JSON.stringify({ suggestion: { x: value } });

function setup(responses: MockResponses, extra: Partial<SuggestionOptimizerOptions> = {}) {
  const x = scope(() => node(1, { name: 'x', trainable: true }));
  const model = new MockLLM({ responses });
  const records: SuggestionStepRecord[] = [];
  const optimizer = new Probe([x], { model, onStep: (record) => records.push(record), ...extra });
  const feed = (text = 'make it larger') => {
    optimizer.zeroFeedback();
    optimizer.backward(
      scope(() => ops.multiply(x as Node<number>, 2)),
      text,
    );
  };
  return { x, model, records, optimizer, feed };
}

describe('SuggestionOptimizer steps', () => {
  test('asks the model with the subclass prompt and applies the reply', async () => {
    const { x, model, records, optimizer, feed } = setup(suggest(5), {
      maxTokens: 50,
      temperature: 0.2,
      json: false,
    });
    feed();
    const record = await optimizer.step();
    expect(record).toMatchObject({
      optimizer: 'probe',
      step: 1,
      status: 'updated',
      model: 'mock:mock-model',
      prompt: { system: 'Reply with JSON.', user: 'x = 1; tries: 1; feedback: make it larger' },
      applied: [{ label: 'x', before: 1, after: 5 }],
    });
    expect(x.data).toBe(5);
    expect(records).toEqual([record]);
    expect(model.calls[0]).toMatchObject({
      system: 'Reply with JSON.',
      maxTokens: 50,
      temperature: 0.2,
      json: false,
      messages: [{ role: 'user', content: 'x = 1; tries: 1; feedback: make it larger' }],
    });
  });

  test('backward leaves trace graphs, one per output, for prepareStep', async () => {
    const { x, optimizer } = setup(suggest(2));
    optimizer.backward(
      scope(() => ops.add(x as Node<number>, 1)),
      'first',
    );
    optimizer.backward(
      scope(() => ops.add(x as Node<number>, 2)),
      'second',
    );
    await optimizer.step();
    const graphs = optimizer.seen[0]!;
    expect(graphs.every((graph) => graph instanceof TraceGraph)).toBe(true);
    expect(graphs.map((graph) => feedbackText(graph.userFeedback))).toEqual(['first', 'second']);
    expect(x.feedback.length).toBeGreaterThan(0);
    optimizer.zeroFeedback();
    expect(x.feedback).toHaveLength(0);
  });

  test('without feedback the step is counted and recorded, and the model is not asked', async () => {
    const { model, records, optimizer, feed } = setup(suggest(2));
    const first = await optimizer.step();
    expect(first).toMatchObject({ optimizer: 'probe', step: 1, status: 'no-feedback' });
    expect(model.calls).toHaveLength(0);
    expect(optimizer.seen).toHaveLength(0);
    feed();
    expect((await optimizer.step()).step).toBe(2);
    expect(records.map((record) => record.status)).toEqual(['no-feedback', 'updated']);
  });

  test('a failed model call emits its record first, then throws ModelCallError', async () => {
    const cause = new Error('connection reset');
    const { x, records, optimizer, feed } = setup([cause]);
    feed();
    const failure = await optimizer.step().catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect(failure).toBeInstanceOf(OptimizerError);
    expect((failure as ModelCallError).cause).toBe(cause);
    expect((failure as ModelCallError).step).toBe(1);
    expect(records.map((record) => record.status)).toEqual(['model-error']);
    expect(x.data).toBe(1);
  });

  test('onStep listeners can unsubscribe', async () => {
    const { optimizer } = setup(suggest(2));
    const seen: number[] = [];
    const stop = optimizer.onStep((record) => seen.push(record.step));
    await optimizer.step();
    stop();
    await optimizer.step();
    expect(seen).toEqual([1]);
  });

  test('steps go to the JSONL log, one line each', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'optimizer-kit-'));
    try {
      const logPath = join(directory, 'nested', 'steps.jsonl');
      const { optimizer, feed } = setup(suggest(3), { logPath });
      await optimizer.step();
      feed();
      await optimizer.step();
      const logged = await readStepLog(logPath);
      expect(logged.map((record) => record.status)).toEqual(['no-feedback', 'updated']);
      // The prompt is stored as paragraphs written once, and read back word for word.
      expect(logged[1]?.prompt).toEqual({
        system: 'Reply with JSON.',
        user: 'x = 1; tries: 1; feedback: make it larger',
      });
      const raw = await readFile(logPath, 'utf8');
      expect(raw).toContain('"$paragraphs"');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('SuggestionOptimizer step lock', () => {
  test('a second step while one runs is refused, and the lock is released after', async () => {
    const { optimizer, feed } = setup(suggest(2), {});
    const slow = new Probe(optimizer.parameters, {
      model: new MockLLM({ responses: suggest(4), latencyMs: 5 }),
    });
    feed();
    const running = slow.step();
    await expect(slow.step()).rejects.toSatisfy(StepInProgressError.isInstance);
    expect((await running).status).toBe('updated');
    feed();
    expect((await slow.step()).step).toBe(2);
  });

  test('the lock is released when the model call fails or prepareStep throws', async () => {
    const { optimizer, feed } = setup([new Error('down'), suggest(6)]);
    feed();
    await expect(optimizer.step()).rejects.toSatisfy(ModelCallError.isInstance);
    optimizer.failPrompt = true;
    await expect(optimizer.step()).rejects.toThrow(RangeError);
    optimizer.failPrompt = false;
    const record = await optimizer.step();
    // Neither the failed call nor the failed prompt counted a step: the retry is step 1.
    expect(record).toMatchObject({ step: 1, status: 'updated' });
  });
});

describe('SuggestionOptimizer entries and state', () => {
  test('keeps the newest entries up to the limit and exports them under its key', async () => {
    const { optimizer, feed } = setup([suggest(2), suggest(3), suggest(4)]);
    for (const text of ['a', 'b', 'c']) {
      feed(text);
      await optimizer.step();
    }
    expect(optimizer.tries).toEqual([
      { variables: 'x = 2', feedback: 'b' },
      { variables: 'x = 3', feedback: 'c' },
    ]);
    const state = optimizer.exportState();
    expect(state).toEqual({ steps: 3, tries: optimizer.tries });
    (state.tries[0] as { feedback: string }).feedback = 'changed';
    expect(optimizer.tries[0]?.feedback).toBe('b');
  });

  test('an entry limit of 0 keeps nothing, in steps and in loaded states', async () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const optimizer = new Probe([x], { model: new MockLLM({ responses: suggest(2) }), keep: 0 });
    optimizer.backward(x, 'more');
    await optimizer.step();
    expect(optimizer.tries).toEqual([]);
    optimizer.loadState({ steps: 4, tries: [{ variables: 'v', feedback: 'f' }] });
    expect(optimizer.exportState()).toEqual({ steps: 4, tries: [] });
  });

  test('state round-trips through JSON; loading keeps the newest entries and copies them', async () => {
    const { optimizer, feed } = setup([suggest(2), suggest(3)]);
    feed('a');
    await optimizer.step();
    feed('b');
    await optimizer.step();
    const restored = new Probe(optimizer.parameters, { model: new MockLLM() });
    restored.loadState(JSON.parse(JSON.stringify(optimizer.exportState())));
    expect(restored.exportState()).toEqual(optimizer.exportState());

    const entries = ['1', '2', '3'].map((text) => ({ variables: text, feedback: text }));
    restored.loadState({ steps: 9, tries: entries });
    expect(restored.exportState()).toEqual({ steps: 9, tries: entries.slice(1) });
    entries[2]!.feedback = 'changed';
    expect(restored.tries[1]?.feedback).toBe('3');
  });

  test.each([
    ['no state', undefined],
    ['negative steps', { steps: -1, tries: [] }],
    ['fractional steps', { steps: 1.5, tries: [] }],
    ['entries under another key', { steps: 1, memory: [] }],
    ['an entry without feedback', { steps: 1, tries: [{ variables: 'v' }] }],
  ])('loading %s is refused with what the state must be, and changes nothing', (_name, state) => {
    const { optimizer } = setup(suggest(2));
    optimizer.loadState({ steps: 2, tries: [{ variables: 'v', feedback: 'f' }] });
    expect(() => optimizer.loadState(state as never)).toThrow(
      'Probe cannot start: the state must be { steps: integer >= 0, tries: { variables: string, feedback: string }[] } as exportState() returns it.',
    );
    expect(optimizer.exportState()).toEqual({
      steps: 2,
      tries: [{ variables: 'v', feedback: 'f' }],
    });
  });
});

describe('SuggestionOptimizer construction', () => {
  test('no parameters, a non-trainable one, bad options and a bad entry limit are refused', () => {
    const model = new MockLLM();
    expect(() => new Probe([], { model })).toThrow(
      new InvalidOptionsError(
        ['there are no parameters to optimize; pass trainable nodes or a Module'],
        'Probe',
      ),
    );
    expect(() => new Probe([node(1)], { model })).toThrow(/not trainable/);
    expect(() => new Probe([node(1, { trainable: true })], { model: {} as never })).toThrow(
      /^Probe cannot start: options.model must be a LanguageModel/,
    );
    expect(() => new Probe([node(1, { trainable: true })], { model, keep: -1 })).toThrow(
      'Probe cannot start: the entry limit must be an integer >= 0, got -1.',
    );
  });

  test('a Module-like source gives its distinct trainable nodes', () => {
    const x = node(1, { trainable: true });
    const optimizer = new Probe({ parameters: () => [x, x] }, { model: new MockLLM() });
    expect(optimizer.parameters).toEqual([x]);
  });
});
