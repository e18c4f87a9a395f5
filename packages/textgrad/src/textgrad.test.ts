import { node, ops, scope } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { callOrder, classify, scriptedModel } from '../test/scripted-model.js';
import {
  InvalidOptionsError,
  InvalidProposalError,
  ModelCallError,
  StepInProgressError,
  TextGrad,
  type TextGradStepRecord,
} from './index.js';

/** Two parameters through two steps: x -> add -> multiply(·, y) -> out. */
function workflow() {
  return scope(() => {
    const x = node(1, { name: 'x', trainable: true });
    const y = node(2, { name: 'y', trainable: true });
    return { x, y, out: ops.multiply(ops.add(x, 1), y) };
  });
}

const update = (suggestion: Record<string, unknown>) =>
  JSON.stringify({ reasoning: 'r', suggestion });

describe('TextGrad', () => {
  test('propose changes nothing; apply sets every value at once and counts the step', async () => {
    const { x, y, out } = workflow();
    const model = scriptedModel({ update: update({ [x.label]: 5, [y.label]: 6 }) });
    const records: TextGradStepRecord[] = [];
    const optimizer = new TextGrad([x, y], { model, onStep: (record) => records.push(record) });
    optimizer.backward(out, 'fb');
    const proposal = await optimizer.propose();
    expect([x.data, y.data, optimizer.steps, records.length]).toEqual([1, 2, 0, 0]);
    expect([...proposal.values.values()]).toEqual([5, 6]);
    const record = await optimizer.apply(proposal);
    expect([x.data, y.data, optimizer.steps]).toEqual([5, 6, 1]);
    expect(records).toEqual([record]);
    expect(record.applied.map((applied) => [applied.before, applied.after])).toEqual([
      [1, 5],
      [2, 6],
    ]);
    // A second apply of the same proposal is stale and changes nothing.
    x.data = 7;
    await expect(optimizer.apply(proposal)).rejects.toSatisfy(InvalidProposalError.isInstance);
    expect([x.data, optimizer.steps]).toEqual([7, 1]);
  });

  test('when setting one value fails, none is set', async () => {
    const { x, y, out } = workflow();
    const model = scriptedModel({ update: update({ [x.label]: 5, [y.label]: 6 }) });
    const optimizer = new TextGrad([x, y], { model });
    optimizer.backward(out, 'fb');
    const proposal = await optimizer.propose();
    // y's setter throws while the update is applied: x must be rolled back.
    Object.defineProperty(y, 'data', {
      get: () => 2,
      set: () => {
        throw new Error('read-only for this test');
      },
      configurable: true,
    });
    const record = await optimizer.apply(proposal);
    expect(record.status).toBe('nothing-applied');
    expect(x.data).toBe(1);
  });

  test('the record counts every call, its tokens, time and cost', async () => {
    const { x, y, out } = workflow();
    const model = scriptedModel({ update: update({ [x.label]: 3 }), modelId: 'gpt-4o-mini' });
    const optimizer = new TextGrad([x, y], { model });
    optimizer.backward(out, 'fb');
    const record = await optimizer.step();
    expect(model.callCount).toBe(4); // add<-multiply, y<-multiply, x<-add, update
    expect(record.calls).toBe(4);
    expect(record.backward.gradientCalls).toBe(3);
    const input = record.backward.calls.reduce((sum, call) => sum + call.inputTokens, 0);
    const output = record.backward.calls.reduce((sum, call) => sum + call.outputTokens, 0);
    expect(record.tokens).toEqual({
      input: input + record.attempts[0]!.inputTokens,
      output: output + record.attempts[0]!.outputTokens,
    });
    expect(record.costUsd).toBeCloseTo(
      (record.tokens.input * 0.15 + record.tokens.output * 0.6) / 1e6,
      12,
    );
    expect(record.latencyMs).toBeGreaterThanOrEqual(record.promptMs);
    expect(record.promptMs).toBeGreaterThan(0);
    const unknown = workflow();
    const other = new TextGrad([unknown.x], { model: scriptedModel() });
    other.backward(unknown.out, 'fb');
    expect((await other.step()).costUsd).toBeNull();
  });

  test('without feedback: no call, a no-feedback record, and render() is undefined', async () => {
    const { x } = workflow();
    const model = scriptedModel();
    const optimizer = new TextGrad([x], { model });
    expect(optimizer.render()).toBeUndefined();
    const record = await optimizer.step();
    expect(record).toMatchObject({ status: 'no-feedback', calls: 0 });
    expect(model.callCount).toBe(0);
    expect(optimizer.steps).toBe(1);
  });

  test('render() shows the first level requests without calling the model', () => {
    const { x, y, out } = workflow();
    const model = scriptedModel();
    const optimizer = new TextGrad([x, y], { model });
    optimizer.backward(out, 'Should be 10.');
    const rendered = optimizer.render()!;
    expect(model.callCount).toBe(0);
    expect(rendered.requests.map((request) => request.kind)).toEqual(['gradient', 'gradient']);
    expect(rendered.user).toBe(rendered.requests[0]!.user);
    expect(rendered.user).toContain('Should be 10.');
    expect(rendered.user).toMatch(/Explain how `add\d+` should change/);
  });

  test('a failed call in the middle of the walk rejects, emits a model-error record, changes nothing', async () => {
    const { x, y, out } = workflow();
    let calls = 0;
    const model = scriptedModel({
      backward: () => {
        calls += 1;
        return calls === 2 ? new Error('503 Service Unavailable') : '<feedback>g</feedback>';
      },
    });
    const records: TextGradStepRecord[] = [];
    const optimizer = new TextGrad([x, y], { model, onStep: (record) => records.push(record) });
    optimizer.backward(out, 'fb');
    const error = await optimizer.step().catch((caught: unknown) => caught);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('503 Service Unavailable');
    expect([x.data, y.data, optimizer.steps]).toEqual([1, 2, 0]);
    expect(records.map((record) => record.status)).toEqual(['model-error']);
    expect(records[0]!.calls).toBe(1);
    expect(callOrder(model)).not.toContain('update');
  });

  test('a failed update call rejects and changes nothing; step() again retries the step', async () => {
    const { x, out } = workflow();
    let failing = true;
    const model = scriptedModel({
      update: () => (failing ? new Error('timeout') : update({ [x.label]: 9 })),
    });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'fb');
    await expect(optimizer.step()).rejects.toSatisfy(ModelCallError.isInstance);
    expect([x.data, optimizer.steps]).toEqual([1, 0]);
    failing = false;
    const record = await optimizer.step();
    expect([record.step, x.data]).toEqual([1, 9]);
  });

  test('an abort at any call stops the walk: nothing changes and no call runs afterwards', async () => {
    for (let abortAt = 0; abortAt < 4; abortAt += 1) {
      const { x, y, out } = workflow();
      const controller = new AbortController();
      let started = 0;
      const model = new MockLLM({
        latencyMs: 5,
        responses: (request) => {
          started += 1;
          if (started === abortAt + 1) controller.abort(new Error('stopped by the user'));
          return classify(request).kind === 'update'
            ? update({ [x.label]: 5 })
            : '<feedback>g</feedback>';
        },
      });
      const optimizer = new TextGrad([x, y], { model });
      optimizer.backward(out, 'fb');
      await expect(optimizer.propose({ signal: controller.signal })).rejects.toSatisfy(
        ModelCallError.isInstance,
      );
      const callsAtRejection = model.callCount;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(model.callCount).toBe(callsAtRejection);
      expect([x.data, y.data, optimizer.steps]).toEqual([1, 2, 0]);
    }
  });

  test('a second step while one runs is refused', async () => {
    const { x, out } = workflow();
    const optimizer = new TextGrad([x], { model: scriptedModel({ latencyMs: 5 }) });
    optimizer.backward(out, 'fb');
    const first = optimizer.step();
    await expect(optimizer.step()).rejects.toSatisfy(StepInProgressError.isInstance);
    await first;
  });

  test('100 concurrent proposals each make their own calls and agree', async () => {
    const { x, y, out } = workflow();
    const model = scriptedModel({ update: update({ [x.label]: 4 }) });
    const optimizer = new TextGrad([x, y], { model });
    optimizer.backward(out, 'fb');
    const proposals = await Promise.all(Array.from({ length: 100 }, () => optimizer.propose()));
    expect(model.callCount).toBe(400);
    expect(new Set(proposals.map((proposal) => proposal.values.get(x)))).toEqual(new Set([4]));
    expect(x.data).toBe(1);
    await optimizer.apply(proposals[57]!);
    expect(x.data).toBe(4);
    await expect(optimizer.apply(proposals[3]!)).rejects.toSatisfy(InvalidProposalError.isInstance);
  });

  test('exportState/loadState round trip, and a corrupt state is refused', async () => {
    const { x, out } = workflow();
    const optimizer = new TextGrad([x], { model: scriptedModel() });
    optimizer.backward(out, 'fb');
    await optimizer.step();
    const stale = await optimizer.propose();
    const state = JSON.parse(JSON.stringify(optimizer.exportState()));
    expect(state).toEqual({ steps: 1 });
    const restored = new TextGrad([x], { model: scriptedModel() });
    restored.loadState(state);
    expect(restored.steps).toBe(1);
    optimizer.loadState({ steps: 0 });
    await expect(optimizer.apply(stale)).rejects.toSatisfy(InvalidProposalError.isInstance);
    optimizer.loadState(state);
    for (const bad of [undefined, null, {}, { steps: -1 }, { steps: 1.5 }, { steps: '2' }]) {
      expect(() => restored.loadState(bad as never)).toThrow(/\{ steps: integer >= 0 \}/);
    }
    expect(restored.steps).toBe(1);
  });

  test('a proposal applies after loadState of the state it was made from, as a search restores it', async () => {
    // The trainer's bestOfN: capture, then per candidate restore (loadState) and propose; restore
    // once more and apply the winner.
    const { x, out } = workflow();
    const model = scriptedModel({ update: update({ [x.label]: 4 }) });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'fb');
    const start = JSON.parse(JSON.stringify(optimizer.exportState()));
    optimizer.loadState(start);
    const winner = await optimizer.propose();
    optimizer.loadState(start);
    await optimizer.apply(winner);
    expect([x.data, optimizer.steps]).toEqual([4, 1]);
    // Loading another state makes a proposal stale, and loading its own state back revives it.
    const next = await optimizer.propose();
    optimizer.loadState({ steps: 5 });
    await expect(optimizer.apply(next)).rejects.toSatisfy(InvalidProposalError.isInstance);
    optimizer.loadState({ steps: 1 });
    await optimizer.apply(next);
    expect(optimizer.steps).toBe(2);
  });

  test('a proposal of another optimizer is refused', async () => {
    const { x, out } = workflow();
    const first = new TextGrad([x], { model: scriptedModel({ update: update({ [x.label]: 3 }) }) });
    const second = new TextGrad([x], { model: scriptedModel() });
    first.backward(out, 'fb');
    const proposal = await first.propose();
    const other = node(0, { name: 'other', trainable: true });
    const third = new TextGrad([other], { model: scriptedModel() });
    await expect(third.apply(proposal)).rejects.toThrow(/not a parameter of this optimizer/);
    await expect(second.apply({ ...proposal, optimizer: 'optoprime' })).rejects.toThrow(
      /TextGrad proposal is expected/,
    );
    expect(x.data).toBe(1);
  });

  test('bad options are listed in one error', () => {
    const { x } = workflow();
    const error = (() => {
      try {
        new TextGrad([x], {
          model: scriptedModel(),
          summarizeAbove: 0,
          maxConcurrency: 1.5,
          objective: ' ',
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(InvalidOptionsError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /summarizeAbove.*maxConcurrency|maxConcurrency.*summarizeAbove/,
    );
    expect((error as Error).message).toContain('objective');
    expect(() => new TextGrad([], { model: scriptedModel() })).toThrow(/no parameters/);
  });
});

describe('TextGrad failures', () => {
  test('the first failed call aborts its siblings instead of waiting for them', async () => {
    const { x, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      return { x, out: ops.add(ops.add(x, 1), ops.add(x, 2)) };
    });
    // Level 1 holds two nodes, one call each: the first fails at once, the other would take 10 s.
    const model = new MockLLM({
      latencyMs: (_request, index) => (index === 3 ? 10_000 : 0),
      responses: (_request, index) =>
        index === 2 ? new Error('500 Internal Server Error') : '<feedback>g</feedback>',
    });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'fb');
    const started = performance.now();
    const error = await optimizer.step().catch((caught: unknown) => caught);
    expect(ModelCallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('500 Internal Server Error');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(model.callCount).toBe(4);
    expect(x.data).toBe(1);
  });
});

describe('TextGrad records', () => {
  test('backward calls are recorded in the order they started, whatever order they finished', async () => {
    const { x, a, b, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const a = ops.add(x, 1);
      const b = ops.add(x, 2);
      return { x, a, b, out: ops.add(a, b) };
    });
    // The first call of level 0 is the slowest, so it finishes second.
    const model = new MockLLM({
      latencyMs: (_request, index) => (index === 0 ? 30 : 0),
      responses: (request, index) =>
        classify(request).kind === 'update'
          ? '{"reasoning": "r", "noChange": true}'
          : `<feedback>${index}</feedback>`,
    });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'fb');
    const record = await optimizer.step();
    expect(record.backward.calls.map((call) => call.gradient)).toEqual(['0', '1', '2', '3']);
    expect(record.backward.calls.map((call) => call.input)).toEqual([
      a.label,
      b.label,
      x.label,
      x.label,
    ]);
  });
});

describe('TextGrad preview', () => {
  test.each([
    ['a DAG without summaries', 3],
    ['the same DAG with summaries', 1],
  ])('preview() lists exactly the requests of the step (%s)', async (_name, summarizeAbove) => {
    const { x, y, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const y = node(2, { name: 'y', trainable: true });
      const s = ops.add(x, y);
      return { x, y, out: ops.add(ops.multiply(s, x), ops.add(s, y)) };
    });
    const model = scriptedModel({ backward: () => '<feedback>R</feedback>' });
    const optimizer = new TextGrad([x, y], { model, summarizeAbove });
    optimizer.backward(out, 'fb');
    const preview = optimizer.preview('R');
    expect(model.callCount).toBe(0);
    await optimizer.step();
    const sent = model.calls.map((call) => `${call.system}\n${String(call.messages[0]?.content)}`);
    const previewed = preview.map((request) => `${request.system}\n${request.user}`);
    expect(previewed.sort()).toEqual(sent.sort());
    expect(preview.some((request) => request.kind === 'summary')).toBe(summarizeAbove === 1);
    expect(optimizer.render()?.requests).toEqual(
      preview.slice(0, optimizer.render()!.requests.length),
    );
  });

  test('preview() without feedback is empty', () => {
    const x = node(1, { name: 'x', trainable: true });
    expect(new TextGrad([x], { model: scriptedModel() }).preview()).toEqual([]);
  });
});
