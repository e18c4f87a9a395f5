import { describe, expect, test } from 'vitest';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { backward } from './backward.js';
import type { Propagator } from './propagator.js';

/** Sends the same message object to every input, and records what each node received. */
function relay(shared: object): Propagator<object> & { seen: Map<Node, number> } {
  const seen = new Map<Node, number>();
  return {
    name: 'relay',
    seen,
    initialize: () => shared,
    propagate(current, received) {
      seen.set(current, received.length);
      return current.inputNodes.map(() => shared);
    },
  };
}

describe('message delivery', () => {
  test('without repeatsAreIgnored, the same message object sent twice arrives twice', () => {
    const x = node(1, { name: 'x', trainable: true });
    const doubled = ops.add(x, x);
    const shared = { note: 'same object' };
    backward(doubled, 'f', { propagator: relay(shared) });
    expect(x.feedback).toEqual([shared, shared]);
  });

  test('a message that is an array is delivered as one message', () => {
    const x = node(1, { name: 'x', trainable: true });
    const y = ops.neg(x);
    const list = ['a', 'b'];
    backward(y, list, {
      propagator: { name: 'list', initialize: () => list, propagate: () => [list] },
    });
    expect(x.feedback).toEqual([list]);
  });

  test('every node hears from all of its children before it speaks (wide and deep)', () => {
    const x = node(1, { name: 'x', trainable: true });
    const nodes: Node<number>[] = [x];
    for (let index = 1; index < 300; index += 1) {
      nodes.push(ops.add(nodes[(index * 7919) % index]!, nodes[index - 1]!));
    }
    const propagator = relay({});
    backward(nodes[nodes.length - 1]!, 'f', { propagator });
    for (const item of nodes.slice(1)) {
      const children = nodes.filter((other) => other.inputNodes.includes(item));
      const uses = children.reduce(
        (total, child) => total + child.inputNodes.filter((input) => input === item).length,
        0,
      );
      expect(propagator.seen.get(item)).toBe(Math.max(uses, 1));
    }
  });
});
