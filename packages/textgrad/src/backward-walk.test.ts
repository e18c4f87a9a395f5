import { bundle, node, ops, scope } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { callOrder, classify, describeCall, scriptedModel } from '../test/scripted-model.js';
import { TextGrad } from './index.js';

/** The gradient and summary requests `model` received, counted by (node, input). */
function requestCounts(calls: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  return counts;
}

describe('the backward walk', () => {
  test('a chain is walked from the output back to the parameter, one call per edge', async () => {
    const { x, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const a = ops.add(x, 1);
      const b = ops.multiply(a, 2);
      return { x, out: ops.subtract(b, 3) };
    });
    const model = scriptedModel({ update: '{"reasoning": "r", "suggestion": {"x0": 4}}' });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'The result should be 7.');
    const record = await optimizer.step();
    expect(callOrder(model)).toEqual([
      'multiply0<-subtract0',
      'add0<-multiply0',
      'x0<-add0',
      'update',
    ]);
    // Each step's request carries what the step after it received.
    const prompts = model.calls.map((call) => String(call.messages[0]?.content));
    expect(prompts[0]).toContain('The result should be 7.');
    expect(prompts[1]).toContain('g(multiply0<-subtract0)');
    expect(prompts[2]).toContain('g(add0<-multiply0)');
    expect(prompts[3]).toContain('g(x0<-add0)');
    expect(x.data).toBe(4);
    expect(record.status).toBe('updated');
    expect(record.calls).toBe(4);
    expect(record.backward).toMatchObject({ levels: 4, gradientCalls: 3, summaryCalls: 0 });
    expect(record.backward.calls.map((call) => call.level)).toEqual([0, 1, 2]);
  });

  test('a DAG with shared nodes: one request per (node, input) leading to a parameter, level by level', async () => {
    const { x, y, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const y = node(2, { name: 'y', trainable: true });
      const fixed = node(5, { name: 'fixed' });
      const s = ops.add(x, y); // add0: shared by u and v
      const u = ops.multiply(s, 2); // multiply0 (the constant 2 leads to no parameter)
      const v = ops.add(s, x); // add1: x is used twice in the graph
      const w = ops.add(fixed, 1); // add2: leads to no parameter
      const both = ops.add(u, v); // add3
      return { x, y, out: ops.multiply(both, w) }; // multiply1
    });
    const model = scriptedModel({ update: '{"reasoning": "r", "suggestion": {"x0": 3, "y0": 4}}' });
    const optimizer = new TextGrad([x, y], { model });
    optimizer.backward(out, 'Too small.');
    await optimizer.step();
    const order = callOrder(model);
    expect(order).toEqual([
      'add3<-multiply1',
      'multiply0<-add3',
      'add1<-add3',
      'add0<-multiply0',
      'add0<-add1',
      'x0<-add1',
      'x0<-add0',
      'y0<-add0',
      'update',
    ]);
    expect([...requestCounts(order).values()].every((count) => count === 1)).toBe(true);
    expect(order.some((call) => call.includes('add2') || call.includes('fixed'))).toBe(false);
    // add0 received two gradients (from multiply0 and add1), joined; x0 two, joined in the update.
    const toX = model.calls.find((call) => describeCall(classify(call)) === 'x0<-add0')!;
    expect(String(toX.messages[0]?.content)).toContain('(1) g(add0<-multiply0)\n(2) g(add0<-add1)');
    const update = String(model.calls.at(-1)!.messages[0]?.content);
    expect(update).toContain('(1) g(x0<-add1)\n(2) g(x0<-add0)');
    expect(update).toContain('g(y0<-add0)');
    expect([x.data, y.data]).toEqual([3, 4]);
  });

  test('calls start level by level, in node and argument order within a level', async () => {
    const { x, parts, inner, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const parts = [ops.add(x, 1), ops.add(x, 2), ops.add(x, 3)] as const;
      const inner = ops.add(parts[0], parts[1]);
      return { x, parts, inner, out: ops.add(inner, parts[2]) };
    });
    const model = scriptedModel();
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'fb');
    await optimizer.step();
    const [p0, p1, p2] = parts.map((part) => part.label);
    // Level 0 (out) asks for inner and p2; level 1 (p2, inner) for x through p2, and p0 and p1;
    // level 2 (p0, p1) for x; x, at level 3, is only updated.
    const order = callOrder(model);
    expect(order.slice(0, 2)).toEqual([`${inner.label}<-${out.label}`, `${p2}<-${out.label}`]);
    expect(order.slice(2, 5)).toEqual([
      `x0<-${p2}`,
      `${p0}<-${inner.label}`,
      `${p1}<-${inner.label}`,
    ]);
    expect(order.slice(5, 7)).toEqual([`x0<-${p0}`, `x0<-${p1}`]);
    expect(order.slice(7)).toEqual(['update']);
  });

  test('calls of one level run concurrently, at most maxConcurrency at once', async () => {
    const build = () =>
      scope(() => {
        const x = node(1, { name: 'x', trainable: true });
        const parts = Array.from({ length: 6 }, (_, index) => ops.add(x, index));
        return {
          x,
          out: bundle((...values: number[]) => values.length, { name: 'count' })(...parts),
        };
      });
    for (const [limit, expected] of [
      [32, 6],
      [2, 2],
    ] as const) {
      const { x, out } = build();
      let running = 0;
      let most = 0;
      const model = scriptedModel({
        backward: (call) => {
          running += 1;
          most = Math.max(most, running);
          return new Promise((resolve) =>
            setTimeout(() => {
              running -= 1;
              resolve(`<feedback>g(${describeCall(call)})</feedback>`);
            }, 5),
          ) as never;
        },
      });
      const optimizer = new TextGrad([x], { model, maxConcurrency: limit });
      optimizer.backward(out, 'fb');
      await optimizer.step();
      expect(most).toBe(expected);
    }
  });

  test('a minibatch: several backward passes before one step share the parameter', async () => {
    const x = node(1, { name: 'x', trainable: true });
    const program = () => scope(() => ops.multiply(ops.add(x, 1), 2));
    const model = scriptedModel({ update: '{"reasoning": "r", "suggestion": {"x1": 0}}' });
    const optimizer = new TextGrad([x], { model });
    const first = program();
    const second = program();
    optimizer.backward(first, 'first: too big');
    optimizer.backward(second, 'second: too big');
    const label = x.label;
    await optimizer.step();
    const order = callOrder(model);
    expect(order).toEqual([
      'add0<-multiply0',
      'add0_2<-multiply0_2',
      `${label}<-add0`,
      `${label}<-add0_2`,
      'update',
    ]);
    const prompts = model.calls.map((call) => String(call.messages[0]?.content));
    expect(prompts[0]).toContain('first: too big');
    expect(prompts[1]).toContain('second: too big');
    expect(prompts[4]).toContain(`(1) g(${label}<-add0)\n(2) g(${label}<-add0_2)`);
  });

  test('more gradients than summarizeAbove are merged by one summary call; up to it, joined', async () => {
    const build = (width: number) =>
      scope(() => {
        const x = node(1, { name: 'x', trainable: true });
        let out = ops.add(x, 0);
        for (let index = 1; index < width; index += 1) out = ops.add(out, ops.add(x, index));
        return { x, out };
      });
    // x feeds 4 nodes directly (add(x, 0) and three add(x, i)): 4 gradients.
    const wide = build(4);
    const model = scriptedModel({ update: '{"reasoning": "r", "noChange": true}' });
    const optimizer = new TextGrad([wide.x], { model, summarizeAbove: 3 });
    optimizer.backward(wide.out, 'fb');
    const record = await optimizer.step();
    const order = callOrder(model);
    const xl = wide.x.label;
    expect(order.filter((call) => call === `sum:${xl}`)).toHaveLength(1);
    expect(order.at(-2)).toBe(`sum:${xl}`);
    expect(record.backward.summaryCalls).toBe(1);
    const summary = String(model.calls.at(-2)!.messages[0]?.content);
    expect(summary).toContain(`## 4 pieces of criticism of \`${xl}\``);
    const update = String(model.calls.at(-1)!.messages[0]?.content);
    expect(update).toContain(`g(sum:${xl})`);
    expect(update).not.toContain('(1) ');

    const narrow = build(3);
    const model3 = scriptedModel();
    const optimizer3 = new TextGrad([narrow.x], { model: model3, summarizeAbove: 3 });
    optimizer3.backward(narrow.out, 'fb');
    await optimizer3.step();
    expect(callOrder(model3).some((call) => call.startsWith('sum:'))).toBe(false);
    expect(String(model3.calls.at(-1)!.messages[0]?.content)).toContain('(3) ');
  });

  test('feedback given many times on one output is merged before the first gradient', async () => {
    const x = node(1, { name: 'x', trainable: true });
    const out = scope(() => ops.add(x, 1));
    const model = scriptedModel();
    const optimizer = new TextGrad([x], { model, summarizeAbove: 1 });
    optimizer.backward(out, 'one', { retainGraph: true });
    optimizer.backward(out, 'two', { retainGraph: true });
    await optimizer.step();
    expect(callOrder(model)).toEqual(['sum:add0', `${x.label}<-add0`, 'update']);
  });

  test('a parameter that is itself the output goes straight to the update', async () => {
    const x = node('draft', { name: 'x', trainable: true });
    const model = scriptedModel({
      update: `{"reasoning": "r", "suggestion": {"${x.label}": "better"}}`,
    });
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(x, 'Make it better.');
    const record = await optimizer.step();
    expect(callOrder(model)).toEqual(['update']);
    expect(record.calls).toBe(1);
    expect(String(model.calls[0]!.messages[0]?.content)).toContain('Make it better.');
    expect(x.data).toBe('better');
  });

  test('parameters off every path get no request and keep their values', async () => {
    const { x, idle, out } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const idle = node(9, { name: 'idle', trainable: true });
      return { x, idle, out: ops.add(x, 1) };
    });
    const model = scriptedModel({
      update: `{"reasoning": "r", "suggestion": {"${x.label}": 2, "${idle.label}": 3}}`,
    });
    const optimizer = new TextGrad([x, idle], { model });
    optimizer.backward(out, 'fb');
    const record = await optimizer.step();
    expect(callOrder(model)).toEqual([`${x.label}<-${out.label}`, 'update']);
    expect(String(model.calls[1]!.messages[0]?.content)).not.toContain(idle.label);
    expect(idle.data).toBe(9);
    expect(x.data).toBe(2);
    expect(record.rejected.map((rejected) => rejected.key)).toEqual([idle.label]);
  });
});

describe('the backward walk on special graphs', () => {
  test('an input used twice by one node gets one request', async () => {
    const x = node(2, { name: 'x', trainable: true });
    const out = scope(() => ops.add(x, x));
    const model = scriptedModel();
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, 'fb');
    await optimizer.step();
    expect(callOrder(model)).toEqual([`${x.label}<-${out.label}`, 'update']);
  });

  test('a node shared by two backward passes takes part once, with both criticisms', async () => {
    const { x, shared, first, second } = scope(() => {
      const x = node(1, { name: 'x', trainable: true });
      const shared = ops.multiply(x, 2);
      return { x, shared, first: ops.add(shared, 1), second: ops.subtract(shared, 1) };
    });
    const model = scriptedModel();
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(first, 'first too big');
    optimizer.backward(second, 'second too big');
    await optimizer.step();
    const order = callOrder(model);
    expect(order).toEqual([
      `${shared.label}<-${first.label}`,
      `${shared.label}<-${second.label}`,
      `${x.label}<-${shared.label}`,
      'update',
    ]);
    expect(String(model.calls[2]!.messages[0]?.content)).toContain(
      `(1) g(${shared.label}<-${first.label})\n(2) g(${shared.label}<-${second.label})`,
    );
  });

  test('empty feedback asks nothing and says what to do', async () => {
    const x = node(1, { name: 'x', trainable: true });
    const out = scope(() => ops.add(x, 1));
    const model = scriptedModel();
    const optimizer = new TextGrad([x], { model });
    optimizer.backward(out, '');
    const record = await optimizer.step();
    expect(record.status).toBe('invalid-reply');
    expect(record.error).toMatch(/feedback was empty.*Give feedback that says what to change/);
    expect(model.callCount).toBe(0);
    expect(x.data).toBe(1);
    expect(optimizer.render()).toBeUndefined();
    expect(optimizer.preview()).toEqual([]);
    const direct = new TextGrad([x], { model });
    direct.backward(x, '');
    expect(direct.render()).toBeUndefined();
  });

  test('hostile and Unicode names, special values and non-text feedback', async () => {
    const { weird, zero, out } = scope(() => {
      const weird = node('é`"}<feedback>', { name: 'ünï`co de', trainable: true });
      const zero = node(-0, { name: '__proto__', trainable: true });
      const joined = bundle((text: string, value: number) => `${text}${value}`, {
        name: 'join',
      })(weird, zero);
      return { weird, zero, out: joined };
    });
    const model = scriptedModel({
      update: JSON.stringify({
        reasoning: 'r',
        suggestion: { [weird.label]: 'plain', [zero.label]: Number.NaN.toString() },
      }),
    });
    const optimizer = new TextGrad([weird, zero], { model });
    optimizer.backward(out, { score: 0.5, note: 'NaN and -0 are fine' });
    const record = await optimizer.step();
    expect(callOrder(model)).toContain(`${weird.label}<-${out.label}`);
    expect(String(model.calls[0]!.messages[0]?.content)).toContain('{"score":0.5');
    expect(String(model.calls[0]!.messages[0]?.content)).toContain('-0');
    expect(weird.data).toBe('plain');
    // "NaN" is not a number: rejected with a reason, and -0 is kept.
    expect(Object.is(zero.data, -0)).toBe(true);
    expect(record.rejected.map((rejected) => rejected.key)).toEqual([zero.label]);
    expect(Object.prototype).not.toHaveProperty('score');
  });
});
