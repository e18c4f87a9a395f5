import { node, ops, type ParameterSource, scope, type TraceGraph } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { InvalidOptionsError } from './errors/invalid-options-error.js';
import { InvalidProposalError } from './errors/invalid-proposal-error.js';
import { ModelCallError } from './errors/model-call-error.js';
import { StepInProgressError } from './errors/step-in-progress-error.js';
import { ModelOptimizer, type PreparedProposal, type ProposalContext } from './model-optimizer.js';
import { sendToModel } from './send-to-model.js';
import { resolveSuggestionOptions } from './suggestion-options.js';
import { noFeedbackRecord, type SuggestionStepRecord } from './suggestions/index.js';

interface TwoCallRecord extends SuggestionStepRecord {
  readonly calls: number;
}

/** Two model calls per step: the first reply is a number, the second how much to add to it. */
class TwoCalls extends ModelOptimizer<TwoCallRecord> {
  readonly kept: unknown[] = [];
  readonly #options;

  constructor(parameters: ParameterSource, model: MockLLM) {
    const options = resolveSuggestionOptions('TwoCalls', { model });
    super(parameters, { name: 'two-calls', title: 'TwoCalls', options });
    this.#options = options;
  }

  exportState(): { steps: number } {
    return { steps: this.steps };
  }

  loadState(state: { steps: number }): void {
    this.restoreSteps(state.steps);
  }

  protected override async prepareProposal(
    graphs: readonly TraceGraph[],
    { optimizer, step, model, signal }: ProposalContext,
  ): Promise<PreparedProposal<TwoCallRecord>> {
    const empty = noFeedbackRecord(optimizer, step, model);
    if (graphs.length === 0) return { record: { ...empty, calls: 0 }, changes: [] };
    const ask = async (content: string) => {
      try {
        const turns = [{ role: 'user' as const, content }];
        const reply = await sendToModel(this.#options, 'Reply with a number.', turns, { signal });
        return Number(reply.text);
      } catch (error) {
        const failed = { ...empty, status: 'model-error' as const, calls: 1 };
        throw new ModelCallError(step, error, failed);
      }
    };
    const first = await ask('first');
    const second = await ask(`second, after ${first}`);
    const x = this.parameters[0]!;
    const record = { ...empty, status: 'updated' as const, calls: 2 };
    return {
      record,
      changes: [{ parameter: x, value: first + second, key: 'x', label: 'x' }],
      memo: `memo ${step}`,
    };
  }

  protected override onApplied(memo: unknown): void {
    this.kept.push(memo);
  }
}

function setup(responses: string[] | ((index: number) => string)) {
  const x = node(1, { name: 'x', trainable: true });
  let calls = 0;
  const model = new MockLLM({
    responses: (): string => {
      const index = calls++;
      if (typeof responses === 'function') return responses(index);
      const reply = responses[index];
      if (reply === undefined) throw new Error('the script ran out');
      return reply;
    },
  });
  const optimizer = new TwoCalls([x], model);
  const feed = () =>
    optimizer.backward(
      scope(() => ops.add(x, 1)),
      'larger',
    );
  return { x, optimizer, feed, model };
}

describe('ModelOptimizer', () => {
  test('an async prepareProposal with several calls: propose changes nothing, apply sets and keeps', async () => {
    const { x, optimizer, feed } = setup(['2', '3']);
    feed();
    const proposal = await optimizer.propose();
    expect([x.data, optimizer.steps, optimizer.kept]).toEqual([1, 0, []]);
    const records: TwoCallRecord[] = [];
    optimizer.onStep((record) => records.push(record));
    const record = await optimizer.apply(proposal);
    expect([x.data, optimizer.steps, optimizer.kept]).toEqual([5, 1, ['memo 1']]);
    expect(record).toMatchObject({ calls: 2, status: 'updated', step: 1 });
    expect(record.applied).toEqual([{ name: x.name, label: 'x', before: 1, after: 5 }]);
    expect(records).toEqual([record]);
  });

  test('without feedback it makes no call and counts a no-feedback step', async () => {
    const { optimizer, model } = setup([]);
    const record = await optimizer.step();
    expect([record.status, record.calls, optimizer.steps, model.calls.length]).toEqual([
      'no-feedback',
      0,
      1,
      0,
    ]);
  });

  test('a failed call in the middle: step emits the model-error record, rejects, changes nothing', async () => {
    const { x, optimizer, feed } = setup(['2']);
    feed();
    const records: TwoCallRecord[] = [];
    optimizer.onStep((record) => records.push(record));
    const error = await optimizer.step().catch((caught: unknown) => caught);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect(records.map((record) => record.status)).toEqual(['model-error']);
    expect([x.data, optimizer.steps, optimizer.kept]).toEqual([1, 0, []]);
  });

  test('100 concurrent proposals: one applies, the rest are stale until its state is loaded back', async () => {
    const { x, optimizer, feed, model } = setup(() => '1');
    feed();
    const proposals = await Promise.all(Array.from({ length: 100 }, () => optimizer.propose()));
    expect([x.data, model.calls.length]).toEqual([1, 200]);
    await optimizer.apply(proposals[42]!);
    expect([x.data, optimizer.steps]).toEqual([2, 1]);
    await expect(optimizer.apply(proposals[7]!)).rejects.toSatisfy(InvalidProposalError.isInstance);
    optimizer.loadState({ steps: 0 });
    await optimizer.apply(proposals[7]!);
    expect(optimizer.steps).toBe(1);
  });

  test('a step while another runs is refused; no parameters is refused with what to do', async () => {
    const { optimizer, feed } = setup(['2', '3']);
    feed();
    const running = optimizer.step();
    await expect(optimizer.step()).rejects.toSatisfy(StepInProgressError.isInstance);
    await running;
    expect(() => new TwoCalls([], new MockLLM({ responses: '1' }))).toThrow(
      new InvalidOptionsError(
        ['there are no parameters to optimize; pass trainable nodes or a Module'],
        'TwoCalls',
      ),
    );
  });
});
