import { Adam, type Node, node, type Optimizer, ops, scope } from '@trace/core';
import { generateNumericProblems, type NumericProblem } from '@trace/envs';
import type { ExperimentDefinition, UnitContext } from './experiment-definition.js';
import { llmMethod } from './llm-method.js';
import { createLlmOptimizer, requireModel } from './llm-optimizer.js';

const problemCount = { smoke: 3, paper: 30 } as const;

/** Problem `index` of the paper's set (30 filtered problems from generator seed 0). */
function problemAt(index: number): NumericProblem {
  const problem = generateNumericProblems({ count: 30, seed: 0 })[index];
  if (problem === undefined)
    throw new RangeError(`There is no numerical problem ${index}; 0-29 exist.`);
  return problem;
}

async function runAdam(context: UnitContext): Promise<void> {
  const problem = problemAt(problemIndex(context.plan.task));
  const x = node(problem.initialInput, { name: 'x', trainable: true });
  const adam = new Adam([x], { learningRate: 0.1 });
  await runSteps(context, [x], adam, async () => {
    const y = scope(() => problem.program.trace(x));
    adam.zeroFeedback();
    adam.backward(ops.abs(ops.subtract(y, problem.goal)), 1);
    await adam.step();
    return { x: x.data };
  });
}

/** An LLM method: the optimizer changes x from the feedback text on the traced program's output. */
async function runLlm(context: UnitContext): Promise<void> {
  const problem = problemAt(problemIndex(context.plan.task));
  const x = node(problem.initialInput, { name: 'x', trainable: true });
  const optimizer = createLlmOptimizer(
    context.plan.method,
    [x],
    requireModel(context.model, context.plan.method),
  );
  await runSteps(context, [x], optimizer, async () => {
    const y = scope(() => problem.program.trace(x));
    optimizer.zeroFeedback();
    optimizer.backward(y, problem.feedback(y.data as number));
    const record = await optimizer.step();
    return { x: x.data, record };
  });
}

/**
 * Step 0 (the start), then `steps` updates, each followed by the absolute error of x and a
 * checkpoint; a resumed unit continues after its last checkpoint. Each step runs in its own naming
 * scope, so node names (and prompts) do not depend on the steps before it.
 */
async function runSteps(
  context: UnitContext,
  parameters: [Node],
  optimizer: Optimizer,
  update: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const problem = problemAt(problemIndex(context.plan.task));
  const [x] = parameters;
  const resumed = context.restore(parameters, optimizer);
  if (resumed === undefined) {
    await context.record(0, problem.absoluteError(x.data as number), { x: x.data });
    await context.checkpoint(0, { parameters, optimizer });
  }
  for (let step = (resumed?.step ?? 0) + 1; step <= context.steps; step += 1) {
    context.signal?.throwIfAborted();
    const detail = await scope(update);
    await context.record(step, problem.absoluteError(x.data as number), detail);
    await context.checkpoint(step, { parameters, optimizer });
  }
}

function problemIndex(task: string): number {
  const match = /^problem-(\d+)$/.exec(task);
  if (match === null) throw new RangeError(`A numerical task is named problem-NN; got '${task}'.`);
  return Number(match[1]);
}

/** The numerical-optimization experiment (Section 5.1, Appendix H.2). */
export const numericalExperiment: ExperimentDefinition = {
  name: 'numerical',
  title: 'Numerical optimization',
  paperSection: 'Section 5.1, Appendix H.2',
  metric: {
    name: 'absolute error',
    lowerIsBetter: true,
    definition: '|f(x) - goal| of the current x after each step (step 0: the start, x = -1).',
  },
  methods: [
    llmMethod('trace', 'OptoPrime reads the traced program and the feedback text'),
    llmMethod('trace-masked', 'OptoPrime with #Code, #Documentation, #Inputs and #Others hidden'),
    llmMethod('opro', 'OPRO: the history of (x, feedback), no graph'),
    llmMethod('textgrad', 'TextGrad: textual gradients passed back node by node, then one update'),
    {
      name: 'adam',
      description: 'Adam, learning rate 0.1, on |y - goal| through the traced program',
      kind: 'baseline',
      needs: [],
    },
  ],
  defaultSteps: { smoke: 3, paper: 10 },
  paperFigures: [
    { method: 'adam', step: 0, value: 5.8, source: 'Fig. 5(a)', precision: 'read off a plot' },
    { method: 'adam', step: 10, value: 0.35, source: 'Fig. 5(a)', precision: 'read off a plot' },
    { method: 'trace', step: 0, value: 4.7, source: 'Fig. 5(a)', precision: 'read off a plot' },
    { method: 'trace', step: 10, value: 0.7, source: 'Fig. 5(a)', precision: 'read off a plot' },
    {
      method: 'trace-masked',
      step: 0,
      value: 10.3,
      source: 'Fig. 5(a)',
      precision: 'read off a plot',
    },
    {
      method: 'trace-masked',
      step: 10,
      value: 1.35,
      source: 'Fig. 5(a)',
      precision: 'read off a plot',
    },
  ],
  notes: [
    'Problems: the first 30 problems that pass the environment filter, generator seed 0; one unit per problem (no seeds: the methods are deterministic given the model).',
    'The paper drew its own 30 problems; ours come from the same generator description, so step-0 errors differ.',
    "Why Adam's mean error stays far above the paper's ~0.35 after 10 steps: Adam moves x by about the learning rate (0.1) per step whatever the gradient's size, so from x = -1 it ends within [-2, 0]; problems whose goal is reached only near hidden inputs 1, 2, 3 or -3 cannot be solved in 10 steps and dominate the mean (it falls almost linearly, ~0.4 a step), while the median ends near the paper's figure. Problems with a zero gradient (flat programs) do not move at all. The paper's figure is consistent with a different start distribution or step count (public copies of the original sampler draw the starting input at random); we keep the spec's fixed start x = -1 and report the difference rather than tune the sampler to a plot.",
  ],
  units(method, size) {
    return Array.from({ length: problemCount[size] }, (_, index) => ({
      method,
      task: `problem-${String(index).padStart(2, '0')}`,
      seed: 0,
    }));
  },
  async firstStep() {
    const problem = problemAt(0);
    const x = node(problem.initialInput, { name: 'x', trainable: true });
    const output = scope(() => problem.program.trace(x));
    return { parameters: [x], output, feedback: problem.feedback(output.data as number) };
  },
  async runUnit(context) {
    return context.plan.method === 'adam' ? runAdam(context) : runLlm(context);
  },
};
