import { describe, expect, test } from 'vitest';
import type { TraceGraph } from '../backward/trace-graph.js';
import { bundle } from '../bundle/bundle.js';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import { ops } from '../ops/index.js';
import { toDot } from './to-dot.js';
import { toMermaid } from './to-mermaid.js';

function sample() {
  const x = node(2, { name: 'x', trainable: true });
  const y = ops.multiply(ops.add(x, 1), 'a"b' as unknown as number);
  return { x, y };
}

describe('visualization', () => {
  test('DOT: every node and labelled edge, roles styled apart', () => {
    const { x, y } = sample();
    const dot = toDot(y);
    expect(dot.startsWith('digraph trace {')).toBe(true);
    expect(dot).toContain(`n${x.id} [label="${x.name}\\n2", shape=box, style="rounded,filled"`);
    expect(dot).toContain(`n${y.id} [label="${y.name}\\nNaN", shape=doubleoctagon`);
    expect(dot).toContain('\\"');
    expect(dot.match(/->/g)).toHaveLength(4);
    expect(dot).toContain(`n${x.id} -> n${y.inputNodes[0]!.id} [label="a"]`);
  });

  test('Mermaid: a flowchart with classes; exceptions styled', () => {
    const x = node(2, { name: 'x', trainable: true });
    const failing = bundle(function failing(value: number) {
      throw new Error(`bad ${value}`);
    });
    let text = '';
    try {
      failing(x);
    } catch (error) {
      if (!TraceExecutionError.isInstance(error)) throw error;
      text = toMermaid(error.exceptionNode);
    }
    expect(text.startsWith('flowchart TD')).toBe(true);
    expect(text).toContain(`n${x.id}["${x.name}<br/>2"]:::parameter`);
    expect(text).toMatch(/\{\{"exception_failing:\d+<br\/>Error in operator.*\}\}:::exception/);
    expect(text).toContain('classDef exception');
  });

  test('a trace graph draws only M plus its blanket', () => {
    const x = node(1, { name: 'x', trainable: true });
    const unrelated = ops.add(node(5), 5);
    const y = ops.add(ops.multiply(x, 2), unrelated);
    y.backward('go');
    const graph = x.feedback[0] as TraceGraph;
    const dot = toDot(graph);
    expect(dot).toContain(`n${unrelated.id} `); // blanket
    expect(dot).not.toContain(`n${unrelated.inputNodes[0]!.id} `); // beyond the blanket
  });

  test('DOT of several outputs: one graph, each node and edge once, every output styled as one', () => {
    const x = node(2, { name: 'x', trainable: true });
    const first = ops.add(x, 1);
    const second = ops.multiply(first, 3); // computed from the first output
    const third = ops.multiply(x, 4);
    expect(toDot([first])).toBe(toDot(first));
    const dot = toDot([second, third, first, second]);
    const lines = dot.split('\n');
    const statements = lines.filter((line) => /^ {2}n\d+ \[/.test(line));
    expect(statements).toHaveLength(7); // x, three constants, three results
    expect(new Set(statements.map((line) => line.split(' ')[2])).size).toBe(7);
    for (const output of [first, second, third])
      expect(dot).toContain(
        `  n${output.id} [label="${output.name}\\n${output.data}", shape=doubleoctagon`,
      );
    expect(lines.filter((line) => line.includes('->'))).toHaveLength(6);
    expect(new Set(lines).size).toBe(lines.length);
    expect(toMermaid([second, third])).toContain(`n${third.id}("${third.name}<br/>8"):::output`);
  });

  test('values JSON cannot write are previewed, never thrown', () => {
    const circular: Record<string, unknown> = Object.create(null);
    circular.self = circular;
    const values = [circular, { toJSON: () => undefined }, { big: 1n }];
    const dot = toDot(values.map((value) => node(value)));
    expect(dot.match(/\\n\[object Object\]"/g)).toHaveLength(3);
  });
});
