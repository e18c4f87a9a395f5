/**
 * `pnpm bench:perf bench`: the experiment harness (per-unit overhead, report on 1,000 units), the
 * traffic baselines on the native simulator, and the numerical experiment at paper size with a 50 ms
 * mock model.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ExperimentDefinition,
  findExperiment,
  gaussianProcessMinimize,
  loadBenchRun,
  particleSwarmMinimize,
  runBenchUnit,
  runExperiment,
  writeBenchManifest,
  writeReport,
} from '@trace/bench';
import { runTrafficScenario } from '@trace/envs';
import { MockLLM } from '@trace/llm/test';
import type { BenchmarkSuite, Figure } from './figure.js';
import { timeMs } from './figure.js';

const box = [
  [15, 90],
  [15, 90],
] as const;
const traffic = (point: readonly number[]) =>
  runTrafficScenario({ eastWestGreen: point[0]!, northSouthGreen: point[1]!, seed: 42 }).score;

function target(name: string, value: number, unit: string, limit: number): Figure {
  return { name, value, unit, target: `<= ${limit} ${unit}`, met: value <= limit };
}

/** A numerical-named experiment whose units do no work: what is left is the harness. */
const emptyExperiment: ExperimentDefinition = {
  ...findExperiment('numerical'),
  async runUnit(context) {
    for (let step = 0; step <= context.steps; step += 1) await context.record(step, step);
  },
};

async function harnessFigures(report: (figure: Figure) => void): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-perf-'));
  try {
    await writeBenchManifest(folder, {
      format: 'trace-bench-run',
      formatVersion: 1,
      experiment: 'numerical',
      size: 'paper',
      methods: ['adam'],
      steps: 10,
      modelKind: 'none',
      createdAt: new Date(0).toISOString(),
    });
    const units = 1000;
    const elapsed = await timeMs(async () => {
      for (let seed = 0; seed < units; seed += 1) {
        await runBenchUnit({
          folder,
          experiment: emptyExperiment,
          plan: { method: 'adam', task: `problem-${seed % 30}`, seed },
          steps: 10,
          size: 'paper',
        });
      }
    });
    report(target('harness overhead per unit (10 steps, no work)', elapsed / units, 'ms', 5));
    // Which part of `report` costs what: reading the units, then everything (tables and charts).
    const loading = await timeMs(() => loadBenchRun(folder));
    report({
      name: 'report: reading the 1,000 units (part of the next figure)',
      value: loading,
      unit: 'ms',
    });
    report(
      target('report on a 1,000-unit run', await timeMs(() => writeReport(folder)), 'ms', 2000),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

const suite: BenchmarkSuite = {
  name: 'bench',
  async run(report) {
    await gaussianProcessMinimize(traffic, {
      box,
      calls: 8,
      initialPoints: 5,
      start: [15, 15],
      seed: 1,
    });
    report(
      target(
        'traffic gp, 50 calls (native simulator, seed 42)',
        await timeMs(() =>
          gaussianProcessMinimize(traffic, {
            box,
            calls: 50,
            initialPoints: 5,
            start: [15, 15],
            seed: 42,
          }),
        ),
        'ms',
        1000,
      ),
    );
    report(
      target(
        'traffic pso, 5 particles × 10 iterations (seed 42)',
        await timeMs(() =>
          particleSwarmMinimize(traffic, {
            box,
            particles: 5,
            iterations: 10,
            c1: 0.5,
            c2: 0.3,
            inertia: 1.9,
            start: [15, 15],
            seed: 42,
          }),
        ),
        'ms',
        500,
      ),
    );
    await harnessFigures(report);
    const folder = await mkdtemp(join(tmpdir(), 'bench-perf-numerical-'));
    try {
      const model = new MockLLM({
        latencyMs: 50,
        responses: JSON.stringify({ reasoning: 'benchmark', noChange: true, suggestion: {} }),
      });
      const elapsed = await timeMs(() =>
        runExperiment({
          experiment: 'numerical',
          out: join(folder, 'run'),
          concurrency: 16,
          model,
          modelKind: 'scripted',
        }),
      );
      report(
        target(
          'numerical at paper size, 4 methods, 50 ms mock model, concurrency 16',
          elapsed / 1000,
          's',
          30,
        ),
      );
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};

export default suite;
