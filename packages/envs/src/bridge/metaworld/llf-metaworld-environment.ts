import { BridgeArgumentError } from '../errors/bridge-argument-error.js';
import { PythonEnvironment, type PythonEnvironmentOptions } from '../python-environment.js';
import {
  type LlfObservation,
  type MetaWorldObservation,
  parseMetaWorldObservation,
} from './metaworld-observation.js';

/** The paper's three Meta-World tasks. */
export type MetaWorldTask = 'reach-v2' | 'pick-place-v2' | 'push-v2';

/** The paper's tasks, in the paper's order. */
export const META_WORLD_TASKS: readonly MetaWorldTask[] = ['reach-v2', 'pick-place-v2', 'push-v2'];

/** Steps per episode in the paper's rollouts (LLF-Bench's own limit is 30). */
export const META_WORLD_HORIZON = 10;

/**
 * One line of task context per task. The paper found LLF-Bench's v2 instructions too vague for
 * pick-place and push (they name the task only) and added one sentence explaining the goal;
 * these are our wording of that sentence. Reach needs none.
 */
export const META_WORLD_TASK_CONTEXT: Readonly<Record<MetaWorldTask, string | undefined>> = {
  'reach-v2': undefined,
  'pick-place-v2': 'The task is to pick the puck up and carry it to the goal position.',
  'push-v2': 'The task is to push the puck along the table until it reaches the goal position.',
};

/** Where the environment runs: LLF-Bench's real Meta-World, or the bridge's stand-in. */
export type MetaWorldBackend = 'llf-bench' | 'stand-in';

/** A 4-D action: target displacement (or position) of the end-effector, then the gripper. */
export type MetaWorldAction = readonly [number, number, number, number];

/** Options of {@link createLlfMetaWorld}. Bridge options (python, timeouts...) pass through. */
export interface LlfMetaWorldOptions extends Omit<PythonEnvironmentOptions, 'id' | 'kwargs'> {
  /** Which task. */
  readonly task: MetaWorldTask;
  /**
   * `llf-bench` (default) runs `llfbench.make('llf-metaworld-<task>')` and needs LLF-Bench
   * installed; `stand-in` runs the bridge's standard-library point-mass reach task (reach only).
   */
  readonly backend?: MetaWorldBackend;
  /** LLF-Bench instruction type; the paper used 'b'. */
  readonly instructionType?: string;
  /** LLF-Bench feedback type; the paper used 'a' (all kinds mixed). */
  readonly feedbackType?: string;
  /** 'relative' (default, the paper's setting) or 'absolute' targets for the end-effector. */
  readonly controlMode?: 'relative' | 'absolute';
  /** Further keyword arguments for the Python constructor. */
  readonly kwargs?: Readonly<Record<string, unknown>>;
}

/** The start of an episode. */
export interface MetaWorldReset {
  /** The parsed observation. */
  readonly observation: MetaWorldObservation;
  /** LLF-Bench's instruction, followed by the task's context line when it has one. */
  readonly instruction: string;
  /** The observation as LLF-Bench returned it. */
  readonly raw: LlfObservation;
  /** The environment's `info`. */
  readonly info: Readonly<Record<string, unknown>>;
}

/** One step. */
export interface MetaWorldStep {
  /** The parsed observation after the step. */
  readonly observation: MetaWorldObservation;
  /** The observation as LLF-Bench returned it. */
  readonly raw: LlfObservation;
  /** Reward of the step, 0 to 10. */
  readonly reward: number;
  /** `info['success']`: the task is solved. */
  readonly success: boolean;
  /** The episode ended inside the environment. */
  readonly terminated: boolean;
  /** The environment's time limit (30 steps) was reached. */
  readonly truncated: boolean;
  /** LLF-Bench's language feedback for the step. */
  readonly feedback: string | null;
  /** The environment's `info`. */
  readonly info: Readonly<Record<string, unknown>>;
}

/**
 * An LLF-Bench Meta-World task over the Python bridge, with typed observations and actions.
 *
 * @example
 * ```ts
 * const env = createLlfMetaWorld({ task: 'reach-v2', backend: 'stand-in' });
 * const start = await env.reset(0);
 * const { hand_pos, goal_pos } = start.observation;
 * const next = await env.step([goal_pos[0] - hand_pos[0], goal_pos[1] - hand_pos[1], goal_pos[2] - hand_pos[2], 0]);
 * await env.close();
 * ```
 */
export class LlfMetaWorldEnvironment {
  /** The task. */
  readonly task: MetaWorldTask;
  /** Where the environment runs. */
  readonly backend: MetaWorldBackend;
  /** The underlying bridge (restart, pid, stderr, server info). */
  readonly bridge: PythonEnvironment<LlfObservation, readonly number[]>;
  private instructionText: string | undefined;

  constructor(options: LlfMetaWorldOptions) {
    const { task, backend = 'llf-bench', instructionType, feedbackType, controlMode } = options;
    if (!META_WORLD_TASKS.includes(task)) {
      throw new BridgeArgumentError(
        `Unknown Meta-World task '${String(task)}'; expected one of ${META_WORLD_TASKS.join(', ')}.`,
      );
    }
    if (backend === 'stand-in' && task !== 'reach-v2') {
      throw new BridgeArgumentError(
        `The stand-in environment simulates reach only; use backend 'llf-bench' for ${task} (see the bridge README for what to install).`,
      );
    }
    this.task = task;
    this.backend = backend;
    const kwargs: Record<string, unknown> =
      backend === 'stand-in'
        ? { control_mode: controlMode ?? 'relative' }
        : {
            instruction_type: instructionType ?? 'b',
            feedback_type: feedbackType ?? 'a',
            control_mode: controlMode ?? 'relative',
          };
    this.bridge = new PythonEnvironment({
      ...options,
      id: backend === 'stand-in' ? 'trace/point-mass-reach-v0' : `llf-metaworld-${task}`,
      kwargs: { ...kwargs, ...options.kwargs },
    });
  }

  /** The instruction of the last reset (with the task's context line), once reset. */
  get instruction(): string | undefined {
    return this.instructionText;
  }

  /** Starts an episode; the same seed gives the same initial condition. */
  async reset(seed?: number): Promise<MetaWorldReset> {
    const result = await this.bridge.reset(seed === undefined ? {} : { seed });
    const raw = result.observation;
    const context = META_WORLD_TASK_CONTEXT[this.task];
    const base = raw.instruction ?? result.instruction ?? '';
    this.instructionText = context === undefined ? base : `${base}\n${context}`;
    return {
      observation: parseMetaWorldObservation(raw.observation),
      instruction: this.instructionText,
      raw,
      info: result.info,
    };
  }

  /** Takes one step. Throws BridgeArgumentError (usable as feedback) for a malformed action. */
  async step(action: MetaWorldAction | readonly number[]): Promise<MetaWorldStep> {
    checkAction(action);
    const result = await this.bridge.step([...action]);
    const raw = result.observation;
    return {
      observation: parseMetaWorldObservation(raw.observation),
      raw,
      reward: result.reward,
      success: result.info.success === true,
      terminated: result.terminated,
      truncated: result.truncated,
      feedback: result.feedback,
      info: result.info,
    };
  }

  /** Starts a fresh Python process (after a crash or hang). */
  async restart(): Promise<void> {
    await this.bridge.restart();
  }

  /** Ends the Python process. */
  close(): Promise<void> {
    return this.bridge.close();
  }
}

/** Creates an LLF-Bench Meta-World task (started on first use). */
export function createLlfMetaWorld(options: LlfMetaWorldOptions): LlfMetaWorldEnvironment {
  return new LlfMetaWorldEnvironment(options);
}

/** Shows a value the way the user wrote it (NaN stays NaN, unlike in JSON). */
function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || value === null || typeof value !== 'object') {
    return Object.is(value, -0) ? '-0' : String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function checkAction(action: unknown): asserts action is readonly number[] {
  const expected = 'A Meta-World action is 4 finite numbers [x, y, z, gripper]';
  if (!Array.isArray(action) || action.length !== 4) {
    throw new BridgeArgumentError(`${expected}, got ${show(action)}.`);
  }
  const index = action.findIndex((item) => typeof item !== 'number' || !Number.isFinite(item));
  if (index >= 0) {
    throw new BridgeArgumentError(
      `${expected}, got ${show(action)}: action[${index}] is ${show(action[index])}.`,
    );
  }
}
