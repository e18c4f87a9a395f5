import { afterAll, describe, expect, it } from 'vitest';
import { BridgeArgumentError } from './errors/bridge-argument-error.js';
import { PythonEnvironment } from './python-environment.js';
import { findUnsendableValue } from './sendable.js';

describe('findUnsendableValue', () => {
  it('names NaN and ±Infinity with their position', () => {
    expect(findUnsendableValue([0, Number.NaN, 1], 'action')).toBe(
      'action[1] is NaN, which JSON cannot carry (it would arrive in Python as None); send finite numbers',
    );
    expect(findUnsendableValue({ target: [1, Infinity] }, 'action')).toMatch(
      /^action\.target\[1\] is Infinity,/,
    );
    expect(findUnsendableValue({ 'my key': -Infinity }, 'options')).toMatch(
      /^options\["my key"\] is -Infinity,/,
    );
    expect(findUnsendableValue(Float64Array.of(1, Number.NaN), 'action')).toMatch(
      /^action\[1\] is NaN/,
    );
    expect(findUnsendableValue(Number.NaN, 'action')).toMatch(/^action is NaN/);
  });

  it('accepts what JSON carries: finite numbers, -0, text, nested data, absent properties', () => {
    for (const value of [
      0,
      -0,
      Number.MAX_VALUE,
      'NaN',
      '\u{1F600}',
      null,
      true,
      [],
      { a: [1, { b: 'c' }], skipped: undefined },
      new Date(0),
      Float32Array.of(1, 2),
    ]) {
      expect(findUnsendableValue(value, 'action')).toBeUndefined();
    }
  });

  it('names other values JSON would change silently', () => {
    expect(findUnsendableValue([1, undefined], 'action')).toMatch(/^action\[1\] is undefined/);
    expect(findUnsendableValue({ f: () => 1 }, 'action')).toMatch(/^action\.f is a function/);
    expect(findUnsendableValue([Symbol('s')], 'action')).toMatch(/^action\[0\] is a symbol/);
    expect(findUnsendableValue({ n: 10n }, 'action')).toMatch(/^action\.n is the BigInt 10n/);
    expect(findUnsendableValue(new Map([[1, 2]]), 'options')).toMatch(/Object\.fromEntries/);
    expect(findUnsendableValue({ s: new Set([1]) }, 'options')).toMatch(/options\.s is a Set/);
    const cycle: Record<string, unknown> = {};
    cycle.self = { back: cycle };
    expect(findUnsendableValue(cycle, 'action')).toMatch(/^action\.self\.back refers back/);
    const shared = [1];
    expect(findUnsendableValue({ a: shared, b: shared }, 'action')).toBeUndefined();
  });
});

describe('PythonEnvironment refuses unsendable actions before sending them', () => {
  const environment = new PythonEnvironment({ id: 'trace/bridge-faults-v0' });
  afterAll(() => environment.close());

  it('rejects NaN and ±Infinity in an action, naming the value and its position', async () => {
    await environment.reset();
    const error = await environment.step([1, Number.NaN]).catch((caught: unknown) => caught);
    expect(BridgeArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      "Cannot send 'step' to Python: action[1] is NaN, which JSON cannot carry (it would arrive in Python as None); send finite numbers.",
    );
    await expect(environment.step({ fault: 'sleep', seconds: -Infinity })).rejects.toThrow(
      /action\.seconds is -Infinity/,
    );
    await expect(environment.reset({ options: { scale: Infinity } })).rejects.toThrow(
      /options\.scale is Infinity/,
    );
    // Nothing was sent: the process is healthy and the counter untouched.
    expect(environment.state).toBe('ready');
    expect((await environment.step(2)).observation).toEqual({ counter: 2 });
  }, 15_000);

  it('sends a typed array as a plain array', async () => {
    expect(await environment.ping(Float64Array.of(1.5, -2))).toEqual([1.5, -2]);
  }, 15_000);
});
