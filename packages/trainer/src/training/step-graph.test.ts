import { type Node, node, ops } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { linearExamples, linearSetup } from '../../test/linear-task.js';
import { useTemporaryDirectories } from '../../test/temporary-directory.js';
import { numericTarget } from '../guides/numeric-target.js';
import { readRunDirectory } from '../run-directory/run-reader.js';
import { runEventSchema } from '../run-directory/schemas.js';
import { stepGraph } from './step-graph.js';
import { train } from './train.js';

const temporary = useTemporaryDirectories();

/** `weight + 0 + 1 + … ` : 2 * additions + 1 nodes (the parameter, constants, additions). */
function chain(additions: number, weight = node(1, { name: 'weight', trainable: true })) {
  let value: Node<number> = ops.add(weight, 0);
  for (let i = 1; i < additions; i++) value = ops.add(value, i);
  return { weight, output: value };
}

describe('stepGraph', () => {
  test('a small graph is core toDot, the parameter listed for highlighting', () => {
    const { weight, output } = chain(3);
    const graph = stepGraph([output]);
    expect(graph.collapsed).toBe(false);
    expect(graph.nodes).toBe(7);
    expect(graph.parameterIds).toEqual([`n${weight.id}`]);
    expect(graph.dot).toMatch(/^digraph trace \{\n/);
    expect(graph.dot).toContain(
      `n${weight.id} [label="${weight.name}\\n1", shape=box, style="rounded,filled", fillcolor="#cfe8ff"];`,
    );
    expect(graph.dot.match(/->/g)).toHaveLength(6);
  });

  test('the outputs of a batch share their parameter: one merged graph, each node once', () => {
    const weight = node(2, { name: 'weight', trainable: true });
    const outputs = [1, 2, 3].map((x) => ops.multiply(weight, x));
    const graph = stepGraph([...outputs, outputs[0]!]);
    expect(graph.nodes).toBe(7); // weight, three constants, three products
    expect(
      graph.dot.split('\n').filter((line) => line.startsWith(`  n${weight.id} [`)),
    ).toHaveLength(1);
    for (const output of outputs) expect(graph.dot).toContain(`n${output.id} [label=`);
  });

  test('an output another output was computed from is drawn once, as an output', () => {
    const weight = node(2, { name: 'weight', trainable: true });
    const first = ops.add(weight, 1);
    const second = ops.multiply(first, 3);
    const { dot } = stepGraph([second, first]);
    const statements = dot.split('\n').filter((line) => line.startsWith(`  n${first.id} [`));
    expect(statements).toEqual([
      `  n${first.id} [label="${first.name}\\n3", shape=doubleoctagon, style=filled, fillcolor="#fff2b3"];`,
    ]);
  });

  test('hostile names and values stay inside their DOT strings', () => {
    const evil = node('"];\nn0 [URL="javascript:alert(1)"]; \\', {
      name: '<script>alert(1)</script>"\n',
      trainable: true,
    });
    const graph = stepGraph([ops.add(evil, '</svg><img src=x onerror=alert(2)>')]);
    const line = graph.dot.split('\n').find((l) => l.startsWith(`  n${evil.id} [`))!;
    expect(line).toContain('<script>alert(1)</script>\\"\\n');
    // Every quote inside the label is escaped: the statement ends where the styling says.
    const label = line.slice(line.indexOf('"') + 1, line.lastIndexOf('", shape=box'));
    expect(label.replace(/\\\\/g, '').replace(/\\"/g, '')).not.toContain('"');
    expect(graph.dot).not.toContain('\r');
  });

  test('above maxNodes it is collapsed to the parameters, what they received, and the outputs', () => {
    const { weight, output } = chain(50);
    output.backward('make it bigger');
    const graph = stepGraph([output], { maxNodes: 20 });
    expect(graph).toMatchObject({ collapsed: true, nodes: 101, parameterIds: [`n${weight.id}`] });
    expect(graph.dot).toContain('99 operations and inputs collapsed');
    expect(graph.dot).toContain('received: make it bigger');
    expect(graph.dot).toContain(`n${output.id} [label=`);
    expect(graph.dot.length).toBeLessThan(1000);
  });

  test('a 5,000-node graph with 300 parameters stays small: 50 parameters drawn, the rest counted', () => {
    const parameters = Array.from({ length: 300 }, (_v, i) =>
      node(i, { name: `p${i}`, trainable: true }),
    );
    let value: Node<number> = ops.add(parameters[0]!, 0);
    for (let i = 1; i < 2400; i++) value = ops.add(value, parameters[i % 300]!);
    const graph = stepGraph([value]);
    expect(graph.collapsed).toBe(true);
    expect(graph.nodes).toBe(2701);
    expect(graph.parameterIds).toHaveLength(50);
    expect(graph.dot).toContain('250 more parameters');
    expect(graph.dot.length).toBeLessThan(10_000);
  });

  test('a graph over maxChars (a 1 MB name) is collapsed, names cut', () => {
    const big = node('x', { name: 'n'.repeat(1_000_000), trainable: true });
    const graph = stepGraph([ops.add(big, 'y')]);
    expect(graph.collapsed).toBe(true);
    expect(graph.nodes).toBe(3);
    expect(graph.dot.length).toBeLessThan(1000);
  });

  test('refuses limits that are not whole numbers >= 1', () => {
    const { output } = chain(1);
    expect(() => stepGraph([output], { maxNodes: 0 })).toThrow(/recordGraph.maxNodes/);
    expect(() => stepGraph([output], { maxChars: Number.NaN })).toThrow(/recordGraph.maxChars/);
    expect(() => stepGraph([output], { valueLimit: 1.5 })).toThrow(/recordGraph.valueLimit/);
  });
});

describe('train records the graph the optimizer saw', () => {
  test('each step event carries the graph, with the parameter values before the update', async () => {
    const directory = await temporary();
    const { slope, optimizer, workflow } = linearSetup();
    await train({
      workflow,
      optimizer,
      guide: numericTarget({ feedback: 'gradient' }),
      train: linearExamples(2),
      batchSize: 2,
      steps: 2,
      runDirectory: directory,
      progress: 'silent',
    });
    const run = await readRunDirectory(directory);
    const steps = run.events.filter((event) => event.type === 'step');
    expect(steps).toHaveLength(2);
    const first = steps[0]!.graph as { dot: string; nodes: number; parameterIds: string[] };
    expect(first).toMatchObject({ nodes: 5, collapsed: false, parameterIds: [`n${slope.id}`] });
    // 0: the value before the first update; the second step saw the updated value.
    expect(first.dot).toContain(`n${slope.id} [label="${slope.name}\\n0"`);
    const second = steps[1]!.graph as { dot: string };
    expect(second.dot).toContain(`n${slope.id} [label="${slope.name}\\n`);
    expect(second.dot).not.toContain(`${slope.name}\\n0"`);
  });

  test('recordGraph: false records none; limits are checked before the run starts', async () => {
    const { optimizer, workflow } = linearSetup();
    const events: unknown[] = [];
    await train({
      workflow,
      optimizer,
      guide: numericTarget({ feedback: 'gradient' }),
      train: linearExamples(1),
      steps: 1,
      recordGraph: false,
      progress: 'silent',
      onEvent: (event) => events.push(event),
    });
    const step = events.find((event) => (event as { type: string }).type === 'step');
    expect(step).not.toHaveProperty('graph');
    await expect(
      train({
        workflow,
        optimizer,
        guide: numericTarget({ feedback: 'gradient' }),
        train: linearExamples(1),
        recordGraph: { maxNodes: -1 },
        progress: 'silent',
      }),
    ).rejects.toThrow(/recordGraph.maxNodes must be a whole number/);
  });

  test('a step event written before graphs were recorded still reads', () => {
    const old = {
      seq: 1,
      time: '2026-11-30T12:00:00.000Z',
      type: 'step',
      step: 1,
      epoch: 0,
      examples: [],
      meanScore: 0,
      proposals: [],
      accepted: true,
      changes: [],
      usage: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      totalUsage: { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 },
      durationMs: 1,
    };
    expect(runEventSchema.parse(old)).not.toHaveProperty('graph');
    expect(() => runEventSchema.parse({ ...old, graph: { dot: 1 } })).toThrow();
    expect(runEventSchema.parse({ ...old, graph: { error: 'no' } })).toHaveProperty('graph.error');
  });
});
