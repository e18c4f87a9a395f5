import { afterEach, describe, expect, it } from 'vitest';
import { runningChildCount } from './child-registry.js';
import { PythonBridgeClosedError } from './errors/python-bridge-closed-error.js';
import { PythonEnvironment } from './python-environment.js';
import { pythonChildPids } from './testing/python-children.js';

const FAULTS = 'trace/bridge-faults-v0';
const opened: PythonEnvironment[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function environment(): PythonEnvironment {
  const created = new PythonEnvironment({ id: FAULTS });
  opened.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.close()));
  expect(pythonChildPids()).toEqual([]);
});

describe('PythonEnvironment lifecycle transitions are serialized', () => {
  it('two concurrent restarts leave exactly one process, the one in use', async () => {
    const env = environment();
    await env.start();
    const first = env.pid;
    await Promise.all([env.restart(), env.restart()]);
    expect(pythonChildPids()).toEqual([env.pid]);
    expect(env.pid).not.toBe(first);
    expect(runningChildCount()).toBe(1);
    expect(env.state).toBe('ready');
    expect(await env.ping('still here')).toBe('still here');
  }, 20_000);

  it('many restarts, starts and calls at once still leave one process', async () => {
    const env = environment();
    const outcomes = await Promise.allSettled([
      env.start(),
      ...Array.from({ length: 5 }, () => env.restart()),
      ...Array.from({ length: 20 }, () => env.start()),
      env.ping(1),
      env.restart(),
    ]);
    // Every start and restart ends with the environment ready; a call may fail only because a
    // later restart replaced its process (a CLOSED error naming the restart).
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'rejected') {
        expect(index).toBe(26);
        expect(PythonBridgeClosedError.isInstance(outcome.reason)).toBe(true);
      }
    }
    expect(outcomes.slice(0, 26).every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(pythonChildPids()).toEqual([env.pid]);
    expect(await env.ping(2)).toBe(2);
  }, 30_000);

  for (const delayMs of [0, 30, 150, 300]) {
    it(`close() ${delayMs} ms into a restart wins: no process is left, the environment stays closed`, async () => {
      const env = environment();
      await env.start();
      let settledBeforeClose = false;
      const restarting = env.restart().then(
        () => {
          settledBeforeClose = !closeCalled;
          return 'resolved';
        },
        (error: unknown) => error,
      );
      let closeCalled = false;
      await sleep(delayMs);
      closeCalled = true;
      await env.close();
      expect(pythonChildPids()).toEqual([]);
      expect(runningChildCount()).toBe(0);
      const outcome = await restarting;
      // A restart that finished before close() was called resolves; one still running fails.
      if (outcome === 'resolved') expect(settledBeforeClose).toBe(true);
      else expect(PythonBridgeClosedError.isInstance(outcome)).toBe(true);
      expect(env.state).toBe('closed');
      await expect(env.reset()).rejects.toThrow(/closed/);
      await expect(env.start()).rejects.toThrow(/closed/);
      await sleep(100);
      expect(pythonChildPids()).toEqual([]);
    }, 20_000);
  }

  it('close() during the first start-up and twice at once ends every process before resolving', async () => {
    const env = environment();
    const starting = env.start().catch((error: unknown) => error);
    await sleep(50);
    const [first, second] = [env.close(), env.close()];
    expect(second).toBe(first);
    await first;
    expect(pythonChildPids()).toEqual([]);
    expect(PythonBridgeClosedError.isInstance(await starting)).toBe(true);
  }, 20_000);
});
