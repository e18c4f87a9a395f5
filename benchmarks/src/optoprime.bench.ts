/**
 * `pnpm bench:perf optoprime`: how fast OptoPrime turns trace graphs into its prompt, how that time
 * grows with the graph, and how many tokens the prompt costs.
 */
import { type Node, node, ops, scope } from '@trace/core';
import { generateNumericProblem } from '@trace/envs';
import { MockLLM } from '@trace/llm/test';
import { OptoPrime } from '@trace/optoprime';
import type { Tiktoken } from 'js-tiktoken';
import { type BenchmarkSuite, type Figure, timeMs } from './figure.js';
import { fullGc } from './gc.js';
import { growthRatio } from './growth-ratio.js';
import { seededRandom } from './seeded-random.js';

/**
 * A DAG of `size` operations over 10 parameters, all on the path to the output: each operation reads
 * the previous result and one earlier node, a parameter 30% of the time (parameters with thousands
 * of children: the case that made the Python reference take minutes).
 */
function parameterHeavyDag(size: number): { parameters: Node<number>[]; output: Node<number> } {
  return scope(() => {
    const next = seededRandom(7);
    const parameters = Array.from({ length: 10 }, (_, index) =>
      node(index + 1, { name: 'p', trainable: true }),
    );
    const nodes: Node<number>[] = [...parameters];
    let previous: Node<number> = parameters[0]!;
    for (let step = 0; step < size; step += 1) {
      const other =
        next() < 0.3
          ? parameters[Math.floor(next() * parameters.length)]!
          : nodes[Math.floor(next() * nodes.length)]!;
      previous = step % 2 === 0 ? ops.add(previous, other) : ops.subtract(previous, other);
      nodes.push(previous);
    }
    return { parameters, output: previous };
  });
}

function optimizerFor(parameters: readonly Node[], output: Node, feedback: string): OptoPrime {
  const optimizer = new OptoPrime(parameters, { model: new MockLLM() });
  optimizer.backward(output, feedback);
  return optimizer;
}

/**
 * Wall times of `rounds` calls of `work`, in milliseconds, fastest first. Each call starts after a
 * full garbage collection, so it does not pay for the garbage of the calls before it (at 20,000
 * operators that debt alone moved the growth figure between 1.7x and 4x from run to run).
 */
async function sampleMs(rounds: number, work: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    fullGc();
    times.push(await timeMs(work));
  }
  return times.sort((a, b) => a - b);
}

let encoding: Tiktoken | undefined;
/** The o200k_base tokenizer (GPT-4o family), loaded once on first use (it takes about a second). */
async function countTokens(text: string): Promise<number> {
  if (encoding === undefined) {
    const { getEncoding } = await import('js-tiktoken');
    encoding = getEncoding('o200k_base');
  }
  return encoding.encode(text).length;
}

const suite: BenchmarkSuite = {
  name: 'optoprime',
  async run(report: (figure: Figure) => void) {
    // Warm up the JIT on a small graph.
    for (let round = 0; round < 5; round += 1) {
      const { parameters, output } = parameterHeavyDag(500);
      optimizerFor(parameters, output, 'warm-up').render();
    }

    const sizes = [1_000, 2_500, 5_000, 10_000, 20_000];
    const fastest: number[] = [];
    for (const size of sizes) {
      fullGc();
      const { parameters, output } = parameterHeavyDag(size);
      const optimizer = optimizerFor(parameters, output, 'The output should be smaller.');
      // Each render gathers the parameters' graphs again (new merged graphs, walked afresh).
      const times = await sampleMs(5, () => optimizer.render());
      const ms = times[2]!; // the median
      fastest.push(times[0]!); // the least disturbed by other processes, for the growth fit
      report({
        name: `prompt build (report + prompt), ${size.toLocaleString('en-US')}-operator DAG`,
        value: ms,
        unit: 'ms',
        ...(size === 5_000 ? { target: '<= 100 ms', met: ms <= 100 } : {}),
      });
    }
    // Lines fitted through several sizes (fastest of 5 each), not a ratio against the smallest
    // (noisy, fixed costs). A non-positive ratio means the timings were too noisy to tell: missed.
    const growth = growthRatio(sizes, fastest);
    report({
      name: 'growth: time per added operator at 5k-20k / at 1k-5k (1.0 = linear)',
      value: growth,
      unit: 'x',
      target: '0 < ratio <= 2 (linear)',
      met: growth > 0 && growth <= 2,
    });

    // The first seed whose start is not already a success, so the feedback is a real direction.
    let seed = 1;
    while (generateNumericProblem({ seed }).absoluteError(-1) === 0) seed += 1;
    const problem = generateNumericProblem({ seed });
    const x = scope(() => node(problem.initialInput, { name: 'x', trainable: true }));
    const y = scope(() => problem.program.trace(x));
    const numeric = optimizerFor([x], y, problem.feedback(y.data)).render()!;
    report({
      name: "tokens (o200k_base), paper's 7-operation numerical program: report",
      value: await countTokens(numeric.report.text),
      unit: 'tokens',
    });
    report({
      name: "tokens (o200k_base), paper's 7-operation numerical program: prompt",
      value: await countTokens(`${numeric.system}\n${numeric.user}`),
      unit: 'tokens',
    });

    const { parameters, output } = parameterHeavyDag(1_000);
    const large = optimizerFor(parameters, output, 'The output should be smaller.').render()!;
    report({
      name: 'tokens (o200k_base), 1,000-operator DAG: prompt',
      value: await countTokens(`${large.system}\n${large.user}`),
      unit: 'tokens',
    });
  },
};

export default suite;
