import { join } from 'node:path';
import { node, ops } from '@trace/core';
import { RunWriter, type StepGraphRecord, stepGraph } from '@trace/trainer';

/** Text that would run script or inject elements if a viewer ever parsed run data as HTML. */
export const hostileText =
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b id="injected">bold</b> & </pre></textarea>';

const usage = (calls: number, costUsd: number) => ({
  calls,
  inputTokens: 120 * calls,
  outputTokens: 40 * calls,
  costUsd,
});

function manifest(runId: string, extra: Record<string, unknown> = {}) {
  return {
    runId,
    createdAt: '2026-11-30T12:00:00.000Z',
    kind: 'train' as const,
    packages: { '@trace/trainer': '0.0.0' },
    node: process.version,
    options: {},
    seeds: { shuffle: 1 },
    datasets: { train: 2 },
    parameters: [{ name: 'solve', value: 'def solve(x):\n    return x\n' }],
    optimizer: { name: 'optoprime' },
    model: { provider: 'mock', modelId: 'scripted' },
    ...extra,
  };
}

/**
 * DOT a forged run file could carry: links, ids, classes and an HTML-like label, next to labels
 * holding markup. A viewer must draw it without running or injecting any of it.
 */
const hostileDotStatements = [
  `  evil [label="${'<img src=x onerror=window.__pwned=4>'}", URL="javascript:window.__pwned=5", href="javascript:window.__pwned=6", id="injected", class="node injected", style=filled, fillcolor="url(javascript:alert(1))"];`,
  '  html [label=<<b>bold</b> <i>text</i>>];',
  '  evil -> html;',
];

/** The trace graph a step's optimizer saw: the trainer's own `stepGraph` on a small trace. */
function fixtureGraph(before: string, hostile: boolean) {
  const solve = node(hostile ? hostileText : before, {
    name: hostile ? '<script>window.__pwned = 3</script>' : 'solve',
    trainable: true,
  });
  const output = ops.add(ops.add(solve, '# test: solve(1) == 2'), hostile ? hostileText : '\n');
  const graph = stepGraph([output]);
  return hostile
    ? { ...graph, dot: graph.dot.replace(/\}$/, `${hostileDotStatements.join('\n')}\n}`) }
    : graph;
}

/** An OptoPrime-like step event with a prompt in sections, a reply, a code change and its graph. */
export function stepEvent(
  step: number,
  options: { hostile?: boolean; padding?: number; graph?: boolean } = {},
) {
  const hostile = options.hostile === true;
  const before = `def solve(x):\n    return x + ${step - 1}\n`;
  const after = hostile
    ? `def solve(x):\n    return "${hostileText}"\n`
    : `def solve(x):\n    return x + ${step}\n`;
  const prompt = [
    '#Instruction',
    'Improve the code so the feedback is satisfied.',
    '#Code',
    hostile ? `${before}\n${hostileText}` : before,
    '#Feedback',
    `score ${step} was too low`,
    ...(options.padding ? ['#Context', 'x'.repeat(options.padding)] : []),
  ].join('\n');
  return {
    type: 'step' as const,
    step,
    epoch: 0,
    examples: [
      {
        index: 0,
        score: step / 10,
        feedback: hostile ? hostileText : `example 0 feedback at step ${step}`,
        durationMs: 1.5,
      },
      { index: 1, score: step / 20, feedback: 'close', durationMs: 2 },
    ],
    meanScore: step / 13,
    proposals: [
      {
        index: 0,
        record: {
          optimizer: 'optoprime',
          step,
          status: step % 4 === 0 ? 'nothing-applied' : 'updated',
          model: 'mock:scripted',
          prompt: { system: 'You are an optimizer.', user: prompt },
          attempts: [
            {
              reply: hostile
                ? `{"suggestion": "${hostileText}"}`
                : `{"reasoning": "add one", "suggestion": {"solve": "x + ${step}"}}`,
              inputTokens: 120,
              outputTokens: 40,
              latencyMs: 200,
            },
          ],
          reasoning: 'add one',
          applied: step % 4 === 0 ? [] : [{ name: 'solve:0', label: 'solve', before, after }],
          rejected: hostile
            ? [{ key: hostileText, reason: hostileText, value: hostileText }]
            : step % 4 === 0
              ? [{ key: 'solve', reason: 'not valid Python', value: 'x +' }]
              : [],
          unchanged: [],
          tokens: { input: 120, output: 40 },
          latencyMs: 200,
        },
        score: step / 12,
        accepted: step % 4 !== 0,
        ...(step % 4 === 0 ? { reason: 'validation score got worse' } : {}),
      },
    ],
    accepted: step % 4 !== 0,
    ...(step % 4 === 0 ? { rejectedReason: 'validation score got worse' } : {}),
    changes: step % 4 === 0 ? [] : [{ name: 'solve', before, after }],
    ...(options.graph === false ? {} : { graph: fixtureGraph(before, hostile) }),
    usage: usage(1, 0.001),
    totalUsage: usage(step, 0.001 * step),
    durationMs: 250 + step,
  };
}

/**
 * Writes three runs under `folder`: `finished` (6 steps, evaluations, a trace graph per step),
 * `hostile` (its prompt, reply, feedback, code and graph carry HTML and `<script>`), and `running`
 * (no final.json; its steps carry no graph, as runs written before graphs were recorded).
 */
export async function writeFixtureRuns(folder: string): Promise<void> {
  const finished = await RunWriter.create(
    join(folder, 'finished'),
    manifest('demo/finished', { experiment: 'demo', method: 'trace', seed: 1 }),
  );
  await finished.append({ type: 'run-start', resumed: false, fromStep: 0 });
  for (let step = 1; step <= 6; step++) {
    await finished.append(stepEvent(step));
    await finished.append({
      type: 'evaluation',
      step,
      split: 'validation',
      mean: step / 10,
      standardError: 0.02,
      examples: [],
      best: step % 4 !== 0,
      durationMs: 3,
    });
  }
  await finished.append({ type: 'stop', step: 6, reason: 'completed', message: 'ran all steps' });
  await finished.finish({
    status: 'completed',
    reason: 'completed',
    message: 'done',
    resumable: false,
    steps: 6,
    best: { score: 0.6, step: 6 },
    parameters: [{ name: 'solve', value: 'def solve(x):\n    return x + 6\n' }],
    usage: usage(6, 0.006),
    durationMs: 1600,
  });
  await finished.close();

  const hostile = await RunWriter.create(
    join(folder, 'hostile'),
    manifest('demo/hostile', { experiment: 'demo', method: 'opro', seed: 2 }),
  );
  await hostile.append({ type: 'run-start', resumed: false, fromStep: 0 });
  await hostile.append(stepEvent(1, { hostile: true }));
  await hostile.finish({
    status: 'failed',
    reason: 'error',
    message: hostileText,
    resumable: false,
    steps: 1,
    best: null,
    parameters: [{ name: 'solve', value: hostileText }],
    usage: usage(1, 0.001),
    durationMs: 300,
  });
  await hostile.close();

  const running = await RunWriter.create(
    join(folder, 'running'),
    manifest('demo/running', { experiment: 'demo', method: 'trace', seed: 3 }),
  );
  await running.append({ type: 'run-start', resumed: false, fromStep: 0 });
  await running.append(stepEvent(1, { graph: false })); // as written before graphs were recorded
  await running.close();
}

/** Appends one more step to the `running` fixture run (to test live updates). */
export async function appendRunningStep(folder: string, step: number): Promise<void> {
  const { appendFile, readFile } = await import('node:fs/promises');
  const path = join(folder, 'running', 'events.jsonl');
  const seq = (await readFile(path, 'utf8')).split('\n').length - 1;
  await appendFile(
    path,
    `${JSON.stringify({ seq, time: new Date().toISOString(), ...stepEvent(step, { graph: false }) })}\n`,
  );
}

/**
 * Writes a run (manifest `demo/graphs`) whose step `i + 1` carries `graphs[i]` (e.g. a graph from
 * `stepGraph`; none when undefined), for the benchmarks of graph drawing.
 */
export async function writeGraphRun(
  directory: string,
  graphs: readonly (StepGraphRecord | undefined)[],
): Promise<void> {
  const run = await RunWriter.create(
    directory,
    manifest('demo/graphs', { experiment: 'graphs', method: 'trace', seed: 4 }),
  );
  await run.append({ type: 'run-start', resumed: false, fromStep: 0 });
  for (const [index, graph] of graphs.entries()) {
    await run.append({
      ...stepEvent(index + 1, { graph: false }),
      ...(graph === undefined ? {} : { graph }),
    });
  }
  await run.close();
}
