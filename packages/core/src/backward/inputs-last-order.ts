import type { Node } from '../graph/node.js';

/**
 * The ancestors-or-self of `output` in depth-first post-order: every node comes after all of its
 * inputs, so read backwards every node comes before its inputs (the order backward needs). Linear in
 * nodes plus edges; iterative, so a chain of millions of nodes cannot overflow the stack. Each node
 * found gets `_stamp = stamp`, which must be a value no earlier traversal used (the session id).
 */
export function inputsLastOrder(output: Node, stamp: number): Node[] {
  const order: Node[] = [];
  // The path being explored, and for each of its nodes the next input position to look at.
  const path: Node[] = [output];
  const nextInput: number[] = [0];
  output._stamp = stamp;
  let top = 0;
  while (top >= 0) {
    const node = path[top]!;
    const arity = node._arity;
    let position = nextInput[top]!;
    while (position < arity && node._inputAt(position)._stamp === stamp) position += 1;
    if (position < arity) {
      const input = node._inputAt(position);
      nextInput[top] = position + 1;
      input._stamp = stamp;
      top += 1;
      path[top] = input;
      nextInput[top] = 0;
    } else {
      order.push(node);
      top -= 1;
    }
  }
  return order;
}
