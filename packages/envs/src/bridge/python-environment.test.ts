import { afterEach, describe, expect, it } from 'vitest';
import { runningChildCount } from './child-registry.js';
import { PythonBridgeClosedError } from './errors/python-bridge-closed-error.js';
import { PythonEnvironmentError } from './errors/python-environment-error.js';
import { PythonEnvironment, startPythonEnvironment } from './python-environment.js';
import { isProcessAlive, waitUntilGone } from './testing/process-helpers.js';

const POINT_MASS = 'trace/point-mass-reach-v0';
const FAULTS = 'trace/bridge-faults-v0';

interface LlfObservation {
  readonly instruction: string | null;
  readonly observation: string;
  readonly feedback: string | null;
}

const opened: PythonEnvironment[] = [];

async function open<Observation = unknown, Action = unknown>(
  id: string,
  kwargs: Record<string, unknown> = {},
): Promise<PythonEnvironment<Observation, Action>> {
  const environment = await startPythonEnvironment<Observation, Action>({ id, kwargs });
  opened.push(environment as PythonEnvironment);
  return environment;
}

function vectors(observation: LlfObservation): Record<string, number[]> {
  const record = JSON.parse(observation.observation) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(record).map(([key, text]) => [
      key,
      text.replace(/[[\]]/g, ' ').trim().split(/\s+/).map(Number),
    ]),
  );
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((environment) => environment.close()));
});

describe('PythonEnvironment against the stand-in environment', () => {
  it('shakes hands and reports the server and the environment', async () => {
    const environment = await open(POINT_MASS);
    expect(environment.state).toBe('ready');
    expect(environment.server?.protocol).toBe(1);
    expect(environment.server?.pid).toBe(environment.pid);
    expect(environment.server?.environments).toContain(POINT_MASS);
    expect(environment.description).toMatchObject({
      env: POINT_MASS,
      kind: 'stand-in',
      maxEpisodeSteps: 30,
      details: { control_mode: 'relative' },
    });
  }, 15_000);

  it('round-trips reset with a seed: same seed, same observation', async () => {
    const environment = await open<LlfObservation>(POINT_MASS);
    const first = await environment.reset({ seed: 11 });
    const second = await environment.reset({ seed: 11 });
    const third = await environment.reset({ seed: 12 });
    expect(first.observation.observation).toBe(second.observation.observation);
    expect(first.observation.observation).not.toBe(third.observation.observation);
    expect(first.instruction).toContain('goal position');
    expect(first.feedback).toBeNull();
    expect(first.info).toEqual({ success: false });
    expect(Object.keys(vectors(first.observation)).sort()).toEqual([
      'goal_pos',
      'hand_pos',
      'puck_pos',
    ]);
  }, 15_000);

  it('round-trips step: reward, flags, feedback and info', async () => {
    const environment = await open<LlfObservation, number[]>(POINT_MASS);
    await environment.reset({ seed: 3 });
    const away = await environment.step([0, -0.1, 0, 1]);
    expect(away.terminated).toBe(false);
    expect(away.truncated).toBe(false);
    expect(away.reward).toBeGreaterThanOrEqual(0);
    expect(away.reward).toBeLessThan(10);
    expect(away.feedback).toContain('moving away');
    expect(away.feedback).toBe(away.observation.feedback);
    expect(away.info).toMatchObject({ success: false, steps: 1 });
  }, 15_000);

  it('runs a full rollout to success with the expert hint of the feedback', async () => {
    const environment = await open<LlfObservation, number[]>(POINT_MASS);
    let observation = (await environment.reset({ seed: 5 })).observation;
    let success = false;
    let total = 0;
    let steps = 0;
    for (; steps < 10 && !success; steps += 1) {
      const state = vectors(observation);
      const hand = state.hand_pos ?? [];
      const goal = state.goal_pos ?? [];
      const action = [0, 1, 2].map((axis) => (goal[axis] ?? 0) - (hand[axis] ?? 0));
      const result = await environment.step([...action, 0]);
      expect(result.feedback).toContain('moving closer');
      total += result.reward;
      success = result.info.success === true;
      observation = result.observation;
    }
    expect(success).toBe(true);
    expect(steps).toBeLessThanOrEqual(3);
    expect(total).toBeGreaterThan(10);
  }, 15_000);

  it('correlates concurrent requests by id', async () => {
    const environment = await open(FAULTS);
    await environment.reset({ seed: 1 });
    const payloads = Array.from({ length: 25 }, (_, index) => ({ index, text: `call ${index}` }));
    const [echoes, slow, fast] = await Promise.all([
      Promise.all(payloads.map((payload) => environment.ping(payload))),
      environment.step({ fault: 'sleep', seconds: 0.1 }),
      environment.ping('after the slow step'),
    ]);
    expect(echoes).toEqual(payloads);
    expect(slow.info).toEqual({ fault: 'sleep' });
    expect(fast).toBe('after the slow step');
  }, 15_000);

  it('keeps prints of the environment off the protocol stream', async () => {
    const environment = await open(FAULTS);
    await environment.reset();
    const result = await environment.step({ fault: 'print' });
    expect(result.info).toEqual({ fault: 'print' });
    // stderr and the protocol stream are two pipes: the reply may arrive before the print does.
    const deadline = Date.now() + 3_000;
    while (!environment.stderrTail().includes('noise') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(environment.stderrTail()).toContain('noise printed to stdout by the environment');
    expect((await environment.step(2)).observation).toEqual({ counter: 2 });
  }, 15_000);

  it('turns an exception in the environment into a structured error and keeps serving', async () => {
    const environment = await open(POINT_MASS);
    await environment.reset({ seed: 1 });
    const failure = await environment.step([1, 2, 3]).catch((error: unknown) => error);
    expect(PythonEnvironmentError.isInstance(failure)).toBe(true);
    const error = failure as PythonEnvironmentError;
    expect(error.code).toBe('ENVIRONMENT');
    expect(error.pythonType).toBe('ValueError');
    expect(error.message).toContain(`Environment '${POINT_MASS}' failed in 'step'`);
    expect(error.message).toContain('4 numbers');
    expect(error.traceback).toContain('Traceback');
    expect(error.isRetryable).toBe(false);
    expect((await environment.step([0, 0, 0, 0])).info.steps).toBe(1);
  }, 15_000);

  it('starts lazily on the first call', async () => {
    const environment = new PythonEnvironment({ id: POINT_MASS });
    opened.push(environment);
    expect(environment.state).toBe('idle');
    await environment.reset({ seed: 0 });
    expect(environment.state).toBe('ready');
  }, 15_000);

  it('restarts on demand with a new process and the same environment', async () => {
    const environment = await open<unknown, number>(FAULTS);
    const firstPid = environment.pid ?? -1;
    await environment.reset();
    await environment.step(5);
    await environment.restart();
    expect(environment.pid).not.toBe(firstPid);
    expect(await waitUntilGone(firstPid)).toBe(true);
    await environment.reset();
    expect((await environment.step(1)).observation).toEqual({ counter: 1 });
  }, 15_000);

  it('fails calls pending during a restart with a CLOSED error', async () => {
    const environment = await open(FAULTS);
    await environment.reset();
    const pending = environment.step({ fault: 'sleep', seconds: 5 }).catch((error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await environment.restart();
    const error = await pending;
    expect(PythonBridgeClosedError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('restarted');
  }, 15_000);

  it('shuts down cleanly on close and refuses calls afterwards', async () => {
    const environment = await open(POINT_MASS);
    const pid = environment.pid ?? -1;
    await environment.close();
    expect(isProcessAlive(pid)).toBe(false);
    expect(runningChildCount()).toBe(0);
    expect(environment.state).toBe('closed');
    const error = await environment.reset().catch((reason: unknown) => reason);
    expect(PythonBridgeClosedError.isInstance(error)).toBe(true);
    await expect(environment.close()).resolves.toBeUndefined();
    await expect(environment.restart()).rejects.toThrow(/closed/);
  }, 15_000);

  it('rejects a seed that is not an integer before calling Python', async () => {
    const environment = new PythonEnvironment({ id: POINT_MASS });
    opened.push(environment);
    await expect(environment.reset({ seed: 1.5 })).rejects.toThrow(/integer/);
    expect(environment.state).toBe('idle');
  }, 15_000);
});
