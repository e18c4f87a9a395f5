import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  isProposingOptimizer,
  type Node,
  node,
  ops,
  type ParameterSource,
  scope,
  type TraceGraph,
} from '@trace/core';
import { AbortedError } from '@trace/llm';
import { MockLLM, type MockResponses } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { InvalidProposalError } from './errors/invalid-proposal-error.js';
import { ModelCallError } from './errors/model-call-error.js';
import { StepInProgressError } from './errors/step-in-progress-error.js';
import { SuggestionOptimizer, type SuggestionPrompt } from './suggestion-optimizer.js';
import { resolveSuggestionOptions, type SuggestionOptimizerOptions } from './suggestion-options.js';
import { feedbackText, readStepLog, type SuggestionStepRecord } from './suggestions/index.js';

/** Shows x and the feedback; remembers one (x, feedback) entry per applied step. */
class Probe extends SuggestionOptimizer<'tries'> {
  constructor(parameters: ParameterSource, options: SuggestionOptimizerOptions) {
    super(parameters, {
      name: 'probe',
      options: resolveSuggestionOptions('Probe', options),
      stateKey: 'tries',
      entryLimit: 5,
    });
  }

  protected prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt {
    const x = this.parameters[0]!;
    const feedback = graphs.map((graph) => feedbackText(graph.userFeedback)).join(' | ');
    const entry = { variables: `x = ${String(x.data)}`, feedback };
    return {
      system: 'Reply with JSON.',
      user: `x = ${String(x.data)}; earlier: ${this.entries.length}; feedback: ${feedback}`,
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

describe('propose and apply', () => {
  test('implements the ProposingOptimizer contract', () => {
    expect(isProposingOptimizer(setup(suggest(2)).optimizer)).toBe(true);
  });

  test('proposing twice changes nothing; applying one sets its values and stores its entry', async () => {
    const { x, model, records, optimizer, feed } = setup([suggest(2), suggest(3)]);
    feed();
    const before = optimizer.exportState();
    const first = await optimizer.propose();
    const second = await optimizer.propose();
    expect(x.data).toBe(1);
    expect(optimizer.exportState()).toEqual(before);
    expect(optimizer.steps).toBe(0);
    expect(records).toEqual([]);
    expect(model.calls).toHaveLength(2);
    expect([first.step, second.step]).toEqual([1, 1]);
    expect([...first.values]).toEqual([[x, 2]]);
    expect([...second.values]).toEqual([[x, 3]]);
    expect(second.record).toMatchObject({
      optimizer: 'probe',
      step: 1,
      status: 'updated',
      applied: [{ label: 'x', before: 1, after: 3 }],
    });

    const record = await optimizer.apply(second);
    expect(x.data).toBe(3);
    expect(record).toEqual(second.record);
    expect(records).toEqual([record]);
    expect(optimizer.exportState()).toEqual({
      steps: 1,
      tries: [{ variables: 'x = 1', feedback: 'make it larger' }],
    });
  });

  test('a proposal cannot be applied after another one, or after loading another state; nothing changes', async () => {
    const { x, optimizer, feed } = setup([suggest(2), suggest(3), suggest(4)]);
    feed();
    const first = await optimizer.propose();
    const second = await optimizer.propose();
    await optimizer.apply(first);
    const state = optimizer.exportState();
    await expect(optimizer.apply(second)).rejects.toSatisfy(InvalidProposalError.isInstance);
    await expect(optimizer.apply(first)).rejects.toThrow(
      /made for step 1 from another state of the optimizer \(a proposal was applied or a different state loaded since; it is at step 1\); call propose\(\) again/,
    );
    expect(x.data).toBe(2);
    expect(optimizer.exportState()).toEqual(state);

    const third = await optimizer.propose();
    optimizer.loadState({ ...state, steps: 0 });
    await expect(optimizer.apply(third)).rejects.toSatisfy(InvalidProposalError.isInstance);
    expect(x.data).toBe(2);
    // Loading back the state it was made from (a search trying proposals in turn) makes it apply.
    optimizer.loadState(state);
    await optimizer.apply(third);
    expect(x.data).toBe(4);
  });

  test('a proposal of another optimizer, or for a foreign parameter, is refused', async () => {
    const one = setup(suggest(2));
    const two = setup(suggest(5));
    one.feed();
    two.feed();
    const foreign = await two.optimizer.propose();
    await expect(one.optimizer.apply(foreign)).rejects.toThrow(
      /changes 'x:\d+', which is not a parameter of this optimizer/,
    );
    await expect(one.optimizer.apply({ ...foreign, optimizer: 'adam' } as never)).rejects.toThrow(
      /not made by this optimizer's propose\(\)/,
    );
    await expect(one.optimizer.apply(undefined as never)).rejects.toSatisfy(
      InvalidProposalError.isInstance,
    );
    expect([one.x.data, two.x.data]).toEqual([1, 1]);
    expect(one.optimizer.steps).toBe(0);
  });

  test('applying an unreadable reply changes no parameter, and counts the step', async () => {
    const { x, records, optimizer, feed } = setup(['not json', 'still not json']);
    feed();
    const proposal = await optimizer.propose();
    expect(proposal.values.size).toBe(0);
    const record = await optimizer.apply(proposal);
    expect(record.status).toBe('invalid-reply');
    expect(x.data).toBe(1);
    expect(optimizer.steps).toBe(1);
    expect(records).toHaveLength(1);
  });

  test('without feedback the proposal is a no-feedback record without values', async () => {
    const { model, optimizer } = setup(suggest(2));
    const proposal = await optimizer.propose();
    expect(proposal.record.status).toBe('no-feedback');
    expect(proposal.values.size).toBe(0);
    expect(model.calls).toHaveLength(0);
    expect((await optimizer.apply(proposal)).step).toBe(1);
    expect(optimizer.entries).toEqual([]);
  });

  test('a failed model call rejects propose() with the record, and changes nothing', async () => {
    const { x, records, optimizer, feed } = setup([new Error('down')]);
    feed();
    const failure = await optimizer.propose().catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect((failure as ModelCallError).record).toMatchObject({ step: 1, status: 'model-error' });
    expect(records).toEqual([]);
    expect(x.data).toBe(1);
    expect(optimizer.exportState()).toEqual({ steps: 0, tries: [] });
  });

  test('a signal given to propose() aborts the model call; nothing changes', async () => {
    const { x, optimizer, feed } = setup(suggest(2), {});
    const slow = new Probe(optimizer.parameters, {
      model: new MockLLM({ responses: suggest(4), latencyMs: 10_000 }),
    });
    feed();
    const controller = new AbortController();
    const pending = slow.propose({ signal: controller.signal });
    controller.abort();
    const failure = await pending.catch((error: unknown) => error);
    expect(ModelCallError.isInstance(failure)).toBe(true);
    expect(AbortedError.isInstance((failure as ModelCallError).cause)).toBe(true);
    expect(x.data).toBe(1);
    expect(slow.exportState()).toEqual({ steps: 0, tries: [] });
  });

  test('100 concurrent proposals on the same feedback are independent; one is applied', async () => {
    const { x, model, optimizer, feed } = setup((_request, index) => suggest(index + 10));
    feed();
    const proposals = await Promise.all(Array.from({ length: 100 }, () => optimizer.propose()));
    expect(model.calls).toHaveLength(100);
    expect(new Set(proposals.map((proposal) => proposal.values.get(x))).size).toBe(100);
    expect(x.data).toBe(1);
    const chosen = proposals[42]!;
    await optimizer.apply(chosen);
    expect(x.data).toBe(chosen.values.get(x));
    expect(optimizer.entries).toHaveLength(1);
  });

  test('apply while a step runs is refused, and the running step finishes', async () => {
    const { optimizer, feed } = setup(suggest(2));
    const slow = new Probe(optimizer.parameters, {
      model: new MockLLM({ responses: suggest(4), latencyMs: 5 }),
    });
    feed();
    const proposal = await slow.propose();
    const running = slow.step();
    await expect(slow.apply(proposal)).rejects.toSatisfy(StepInProgressError.isInstance);
    expect((await running).status).toBe('updated');
  });

  test('a value that cannot be set at apply time leaves every parameter as it was', async () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const y = scope(() => node('a', { name: 'y', trainable: true }));
    const model = new MockLLM({ responses: JSON.stringify({ suggestion: { x: 2, y: 'b' } }) });
    class Both extends Probe {
      protected override prepareStep(graphs: readonly TraceGraph[]): SuggestionPrompt {
        return {
          ...super.prepareStep(graphs),
          variables: new Map<string, Node>([
            ['x', x],
            ['y', y],
          ]),
        };
      }
    }
    const optimizer = new Both([x, y], { model });
    optimizer.backward(
      scope(() => ops.add(x as Node<number>, 1)),
      'more',
    );
    const proposal = await optimizer.propose();
    Object.defineProperty(y, 'data', {
      get: () => 'a',
      set: () => {
        throw new Error('read-only now');
      },
      configurable: true,
    });
    const record = await optimizer.apply(proposal);
    expect(record.status).toBe('nothing-applied');
    expect(record.rejected.map((item) => item.reason)).toEqual([
      'setting the accepted values failed (read-only now); no variable was changed',
      'setting the accepted values failed (read-only now); no variable was changed',
    ]);
    expect(x.data).toBe(1);
  });
});

describe('retries after a failed model call', () => {
  test('30 steps with 1 call in 3 failing store one entry per completed step, none twice', async () => {
    let call = 0;
    const { optimizer, feed } = setup(() => {
      call += 1;
      if (call % 3 === 0) throw new Error('flaky');
      return suggest(call);
    });
    const seen: number[] = [];
    let failures = 0;
    for (let iteration = 0; iteration < 30; iteration += 1) {
      feed(`feedback ${iteration}`);
      try {
        seen.push((await optimizer.step()).step);
      } catch (error) {
        if (!ModelCallError.isInstance(error)) throw error;
        failures += 1;
        seen.push((await optimizer.step()).step); // the retry is the same step
      }
    }
    expect(failures).toBeGreaterThan(5);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(optimizer.steps).toBe(30);
    const feedbacks = optimizer.entries.map((entry) => entry.feedback);
    expect(feedbacks).toEqual([25, 26, 27, 28, 29].map((index) => `feedback ${index}`));
  });

  test('the model-error record of step() reaches the log; the retry logs the same step once more', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'optimizer-kit-'));
    try {
      const logPath = join(directory, 'steps.jsonl');
      const { optimizer, feed } = setup([new Error('down'), suggest(3)], { logPath });
      feed();
      await expect(optimizer.step()).rejects.toSatisfy(ModelCallError.isInstance);
      await optimizer.step();
      const logged = await readStepLog(logPath);
      expect(logged.map((r) => [r.step, r.status])).toEqual([
        [1, 'model-error'],
        [1, 'updated'],
      ]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
