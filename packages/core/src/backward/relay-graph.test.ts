import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { backward } from './backward.js';
import { GraphPropagator } from './graph-propagator.js';
import { buildDag, type DagShape } from './random-graph.test-helper.js';
import { TraceGraph } from './trace-graph.js';

/** A subclass changes nothing, but takes backward's general message-passing loop. */
class GeneralGraphPropagator extends GraphPropagator {}

const dagShape: fc.Arbitrary<DagShape> = fc
  .integer({ min: 1, max: 5 })
  .chain((roots) =>
    fc.record({
      roots: fc.constant(roots),
      trainable: fc.array(fc.boolean(), { minLength: roots, maxLength: roots }),
      inputs: fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 3 }), {
        minLength: 1,
        maxLength: 30,
      }),
    }),
  )
  .map((shape) => ({
    ...shape,
    inputs: shape.inputs.map((inputs, index) =>
      inputs.map((value) => value % (shape.roots + index)),
    ),
  }));

/** What a pass leaves behind, in a form two passes can be compared by. */
function outcome(nodes: readonly Node[], result: ReturnType<typeof backward>) {
  // Positions among the nodes built (two builds of one shape have different ids); constants are -1.
  const at = (item: Node) => nodes.indexOf(item);
  return {
    parameters: result.parameters.map(at),
    visitedCount: result.visitedCount,
    visited: result.session._visited.map(at),
    feedback: nodes.map((item) =>
      item.feedback.map((message) => {
        const graph = message as TraceGraph;
        return {
          userFeedback: graph.userFeedback,
          anchors: graph.anchors.map(at),
          nodes: graph.nodes.map(at),
          onPath: graph.nodes.filter((inGraph) => graph.isOnPath(inGraph)).map(at),
        };
      }),
    ),
  };
}

describe('the default GraphPropagator pass (no per-node messages)', () => {
  test('property: leaves exactly what the general message-passing loop leaves', () => {
    fc.assert(
      fc.property(dagShape, fc.nat(), fc.boolean(), (shape, pick, twice) => {
        const results = [new GraphPropagator(), new GeneralGraphPropagator()].map((propagator) => {
          const nodes = buildDag(shape);
          const output = nodes[shape.roots + (pick % shape.inputs.length)]!;
          // A retained pass first: the next pass must release what non-parameters still hold.
          backward(output, 'kept', { propagator, retainGraph: true });
          let result = backward(output, 'first', { propagator });
          if (twice) result = backward(nodes[nodes.length - 1]!, 'second', { propagator });
          return outcome(nodes, result);
        });
        expect(results[0]).toEqual(results[1]);
      }),
      { numRuns: 150 },
    );
  });

  test('non-parameter roots and intermediate nodes release messages kept by an earlier pass', () => {
    const x = node(1, { name: 'x', trainable: true });
    const constant = node(2, { name: 'c' });
    const middle = ops.multiply(x, constant);
    const y = ops.add(middle, 1);
    y.backward('kept', { retainGraph: true });
    expect(middle.feedback).toHaveLength(1);
    expect(constant.feedback).toHaveLength(1);
    const result = y.backward('released');
    expect(middle.feedback).toEqual([]);
    expect(constant.feedback).toEqual([]);
    expect(y.feedback).toEqual([]);
    expect(result.parameters).toEqual([x]);
    expect(TraceGraph.union(x.feedback as TraceGraph[]).map((graph) => graph.userFeedback)).toEqual(
      ['kept', 'released'],
    );
  });

  test('a parameter that is the output receives the pass itself', () => {
    const x = node(1, { name: 'x', trainable: true });
    const result = backward(x, 'direct');
    expect(result.parameters).toEqual([x]);
    expect(result.visitedCount).toBe(1);
    expect((x.feedback[0] as TraceGraph).nodes).toEqual([x]);
  });
});
