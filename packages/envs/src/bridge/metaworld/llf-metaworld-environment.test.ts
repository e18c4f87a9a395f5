import { bundle, isMessageNode, type Node, node } from '@trace/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeArgumentError } from '../errors/bridge-argument-error.js';
import { PythonEnvironmentError } from '../errors/python-environment-error.js';
import { createLlfMetaWorld, type LlfMetaWorldEnvironment } from './llf-metaworld-environment.js';
import { formatMetaWorldOutcome, runMetaWorldEpisode } from './metaworld-episode.js';
import type { MetaWorldObservation } from './metaworld-observation.js';
import { rolloutTracedMetaWorld, traceMetaWorldEnvironment } from './traced-metaworld.js';

const opened: LlfMetaWorldEnvironment[] = [];

function standIn(): LlfMetaWorldEnvironment {
  const environment = createLlfMetaWorld({ task: 'reach-v2', backend: 'stand-in' });
  opened.push(environment);
  return environment;
}

function towardsGoal(observation: MetaWorldObservation): number[] {
  const { hand_pos: hand, goal_pos: goal } = observation;
  return [goal[0] - hand[0], goal[1] - hand[1], goal[2] - hand[2], 0];
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((environment) => environment.close()));
});

describe('LLF-Bench Meta-World adapter (stand-in backend)', () => {
  it('parses observations and reports success, reward and feedback', async () => {
    const environment = standIn();
    const start = await environment.reset(4);
    expect(start.observation.hand_pos).toHaveLength(3);
    expect(start.observation.puck_pos).toHaveLength(3);
    expect(start.instruction).toContain('goal position');
    expect(environment.instruction).toBe(start.instruction);
    const step = await environment.step(towardsGoal(start.observation));
    expect(step.feedback).toContain('moving closer');
    expect(step.reward).toBeGreaterThan(0);
    expect(typeof step.success).toBe('boolean');
    expect(step.raw.observation).toContain('hand_pos');
  }, 15_000);

  it('rejects malformed actions before calling Python, with a message usable as feedback', async () => {
    const environment = standIn();
    await environment.reset(0);
    await expect(environment.step([0, 0, 0])).rejects.toThrow(
      'A Meta-World action is 4 finite numbers [x, y, z, gripper], got [0, 0, 0].',
    );
    const error = await environment.step([0, Number.NaN, 0, 0]).catch((caught) => caught);
    expect(BridgeArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe(
      'A Meta-World action is 4 finite numbers [x, y, z, gripper], got [0, NaN, 0, 0]: action[1] is NaN.',
    );
    await expect(environment.step([0, 0, 0, -Infinity])).rejects.toThrow('action[3] is -Infinity');
  }, 15_000);

  it('runs an episode and gives the paper output feedback', async () => {
    const solved = await runMetaWorldEpisode(standIn(), towardsGoal, { seed: 2 });
    expect(solved.success).toBe(true);
    expect(solved.steps.length).toBeLessThan(10);
    expect(solved.feedback).toBe(`Success: true\nReturn: ${solved.episodeReturn}`);
    const idle = await runMetaWorldEpisode(standIn(), () => [0, 0, 0, 0], { seed: 2 });
    expect(idle.success).toBe(false);
    expect(idle.steps).toHaveLength(10);
    expect(idle.feedback.startsWith('Success: false\nReturn: ')).toBe(true);
  }, 15_000);

  it('keeps the same initial condition for the same seed', async () => {
    const environment = standIn();
    const first = await environment.reset(9);
    const second = await environment.reset(9);
    expect(second.observation).toEqual(first.observation);
  }, 15_000);

  it('refuses the stand-in for tasks it does not simulate', () => {
    expect(() => createLlfMetaWorld({ task: 'push-v2', backend: 'stand-in' })).toThrow(
      /simulates reach only/,
    );
    expect(() => createLlfMetaWorld({ task: 'open-door' as 'push-v2' })).toThrow(
      /Unknown Meta-World task/,
    );
  });

  it('asks for LLF-Bench when the real backend is not installed', async () => {
    const environment = createLlfMetaWorld({ task: 'pick-place-v2' });
    opened.push(environment);
    expect(environment.bridge.id).toBe('llf-metaworld-pick-place-v2');
    const error = await environment.reset(0).catch((caught) => caught);
    expect(PythonEnvironmentError.isInstance(error)).toBe(true);
    expect((error as PythonEnvironmentError).code).toBe('MISSING_PACKAGE');
    expect((error as PythonEnvironmentError).message).toContain('pip install');
  }, 15_000);

  it('formats the outcome like the paper', () => {
    expect(formatMetaWorldOutcome({ success: false, episodeReturn: 12.5 })).toBe(
      'Success: false\nReturn: 12.5',
    );
  });
});

describe('traced Meta-World rollout', () => {
  it('records the whole rollout as one graph with the controller at every step', async () => {
    const traced = traceMetaWorldEnvironment(standIn());
    const gain = node(0.2, { name: 'gain', trainable: true });
    const controller = bundle(
      function controller(observation: MetaWorldObservation, gain: number): number[] {
        return towardsGoal(observation).map((value, axis) => (axis < 3 ? value * gain : value));
      },
      { description: '[controller] Moves part of the way to the goal.' },
    );
    const rollout = await rolloutTracedMetaWorld(
      (observation) => controller(observation, gain),
      traced,
      { seed: 1, horizon: 4 },
    );
    expect(rollout.steps).toBe(4);
    expect(rollout.feedback).toBe(`Success: ${rollout.success}\nReturn: ${rollout.episodeReturn}`);
    expect(rollout.output.data).toBeCloseTo(rollout.episodeReturn, 10);

    const operators = new Map<string, number>();
    const seen = new Set<Node>();
    const stack: Node[] = [rollout.output];
    while (stack.length > 0) {
      const current = stack.pop() as Node;
      if (seen.has(current)) continue;
      seen.add(current);
      if (isMessageNode(current)) {
        operators.set(current.operator.name, (operators.get(current.operator.name) ?? 0) + 1);
      }
      stack.push(...current.parents);
    }
    expect(operators.get('reset')).toBe(1);
    expect(operators.get('step')).toBe(4);
    expect(operators.get('controller')).toBe(4);
    expect(seen.has(gain)).toBe(true);
  }, 15_000);

  it('turns a rejected action into an exception node whose text is feedback', async () => {
    const traced = traceMetaWorldEnvironment(standIn());
    const error = await rolloutTracedMetaWorld(() => [1, 2], traced, { seed: 0 }).catch(
      (caught) => caught,
    );
    expect(error?.name).toBe('TraceExecutionError');
    expect(String(error?.exceptionNode?.data)).toContain('4 finite numbers');
  }, 15_000);
});
