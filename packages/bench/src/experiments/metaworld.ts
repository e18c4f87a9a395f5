import { bundle, noTrace, scope } from '@trace/core';
import {
  createLlfMetaWorld,
  type MetaWorldObservation,
  rolloutTracedMetaWorld,
  runMetaWorldEpisode,
  traceMetaWorldEnvironment,
} from '@trace/envs';
import type { ExperimentDefinition, UnitContext } from './experiment-definition.js';
import { createLlmOptimizer, requireModel } from './llm-optimizer.js';

const horizon = 10;
const trainingSeed = 0;
const heldOutSeeds = Array.from({ length: 10 }, (_, i) => 1000 + i);
const tasks = {
  smoke: ['stand-in-reach'],
  paper: ['reach-v2', 'pick-place-v2', 'push-v2'],
} as const;

function environmentFor(task: string) {
  return task === 'stand-in-reach'
    ? createLlfMetaWorld({ task: 'reach-v2', backend: 'stand-in' })
    : createLlfMetaWorld({ task: task as 'reach-v2', backend: 'llf-bench' });
}

/** The paper's initial controller: trainable code that returns zeros. */
function createController() {
  return bundle(
    // biome-ignore lint/correctness/noUnusedFunctionParameters: the optimizer reads the signature and writes the body.
    function controller(observation: MetaWorldObservation): number[] {
      return [0, 0, 0, 0];
    },
    {
      trainable: true,
      description:
        '[controller] Given the observation (a record of 3-D vectors such as hand_pos and goal_pos), returns the action: a relative xyz move of the hand and the gripper state (0 open, 1 closed).',
    },
  );
}

/**
 * One task: a trainable `controller(observation) -> action` (initially zeros), one traced rollout from
 * the same training initial condition per iteration with `Success/Return` as feedback, then the test
 * success rate on 10 held-out initial conditions.
 */
async function runTask(context: UnitContext): Promise<void> {
  const { method, task } = context.plan;
  const environment = environmentFor(task);
  const traced = traceMetaWorldEnvironment(environment);
  try {
    const controller = createController();
    const optimizer = createLlmOptimizer(
      method,
      [controller.parameter!],
      requireModel(context.model, method),
      { memorySize: method === 'trace-no-memory' ? 0 : 5, historySize: 5 },
    );
    const successRate = async (): Promise<number> => {
      let successes = 0;
      for (const seed of heldOutSeeds) {
        context.signal?.throwIfAborted();
        const episode = await runMetaWorldEpisode(
          environment,
          (observation) => noTrace(() => controller(observation).data as number[]),
          { seed, horizon },
        ).catch(() => undefined);
        if (episode?.success === true) successes += 1;
      }
      return (100 * successes) / heldOutSeeds.length;
    };
    const parameters = [controller.parameter!];
    const resumed = context.restore(parameters, optimizer);
    if (resumed === undefined) {
      await context.record(0, await scope(successRate));
      await context.checkpoint(0, { parameters, optimizer });
    }
    for (let step = (resumed?.step ?? 0) + 1; step <= context.steps; step += 1) {
      context.signal?.throwIfAborted();
      // Each iteration in its own naming scope: names (and prompts) do not depend on earlier ones.
      await scope(async () => {
        const rollout = await scope(() =>
          rolloutTracedMetaWorld((observation) => controller(observation), traced, {
            seed: trainingSeed,
            horizon,
          }),
        );
        optimizer.zeroFeedback();
        optimizer.backward(rollout.output, rollout.feedback);
        await optimizer.step();
        await context.record(step, await successRate(), { trainingFeedback: rollout.feedback });
        await context.checkpoint(step, { parameters, optimizer });
      });
    }
  } finally {
    await environment.close();
  }
}

const method = (name: string, description: string) =>
  ({ name, description, kind: 'llm', needs: ['model', 'python'] }) as const;

/** The Meta-World experiment through LLF-Bench (Section 5.4, Fig. 6, Appendix H.5). */
export const metaworldExperiment: ExperimentDefinition = {
  name: 'metaworld',
  title: 'Meta-World (LLF-Bench)',
  paperSection: 'Section 5.4, Fig. 6, Appendix H.5',
  metric: {
    name: 'test success rate (%)',
    lowerIsBetter: false,
    definition: `successes of the current controller from ${heldOutSeeds.length} held-out initial conditions (horizon ${horizon}) after each iteration.`,
  },
  methods: [
    method('trace', 'OptoPrime with memory 5 rewrites the controller code'),
    method('trace-no-memory', 'OptoPrime without memory'),
    method('trace-masked', 'OptoPrime with the trace masked'),
    method('opro', 'OPRO with memory 5'),
    method('textgrad', 'TextGrad on the controller code'),
  ],
  defaultSteps: { smoke: 2, paper: 30 },
  paperFigures: [],
  notes: [
    "Paper size runs reach-v2, pick-place-v2 and push-v2 on LLF-Bench through the Python bridge (install it as the @trace/envs bridge README says); without it the unit fails at once with the pip commands. Smoke size runs the bridge's stand-in reach task, which needs only python3.",
    `Training uses initial condition seed ${trainingSeed} every iteration; evaluation seeds ${heldOutSeeds[0]}-${heldOutSeeds.at(-1)}. A rollout that raises counts as a failure in evaluation.`,
    'Fig. 6 gives no printed numbers; the report shows our figures only.',
  ],
  units(name, size) {
    return tasks[size].map((task) => ({ method: name, task, seed: trainingSeed }));
  },
  runUnit: runTask,
  async firstStep() {
    const environment = environmentFor('stand-in-reach');
    const controller = createController();
    const rollout = await scope(() =>
      rolloutTracedMetaWorld(
        (observation) => controller(observation),
        traceMetaWorldEnvironment(environment),
        {
          seed: trainingSeed,
          horizon,
        },
      ),
    );
    return {
      parameters: [controller.parameter!],
      output: rollout.output,
      feedback: rollout.feedback,
      close: () => environment.close(),
    };
  },
};
