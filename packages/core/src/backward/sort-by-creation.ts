import type { Node } from '../graph/node.js';

/** Below this many nodes a comparison sort is cheaper than setting up a radix sort. */
const radixThreshold = 2048;
const digitBits = 11;
const digitMask = (1 << digitBits) - 1;

const byCreation = (a: Node, b: Node): number => a.id - b.id;

/**
 * Sorts `nodes` by id (creation order), in place for small or already sorted lists. Large lists use a
 * least-significant-digit radix sort on `id - smallest id` (linear; a comparison sort of a million
 * nodes in random order costs seconds). Returns the sorted list. `ids`, when given, holds each node's
 * id at the same position, so a large list is sorted without reading the nodes again (on a graph of
 * millions of nodes, each read of a node that is no longer in the cache is what costs).
 */
export function sortByCreation(nodes: Node[], ids?: ArrayLike<number>): Node[] {
  const count = nodes.length;
  if (count < radixThreshold) return nodes.sort(byCreation);
  const idAt = ids ?? idsOf(nodes);
  let smallest = Number.POSITIVE_INFINITY;
  let largest = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (let index = 0; index < count; index += 1) {
    const id = idAt[index]!;
    if (id < largest) sorted = false;
    if (id < smallest) smallest = id;
    if (id > largest) largest = id;
  }
  if (sorted) return nodes;
  const range = largest - smallest;
  if (range >= 2 ** 32) return nodes.sort(byCreation); // ids too far apart for 32-bit keys
  let keys = new Uint32Array(count);
  let order = new Uint32Array(count);
  for (let index = 0; index < count; index += 1) {
    keys[index] = idAt[index]! - smallest;
    order[index] = index;
  }
  let spareKeys = new Uint32Array(count);
  let spareOrder = new Uint32Array(count);
  const starts = new Uint32Array(digitMask + 2);
  for (let shift = 0; shift < 32 && Math.floor(range / 2 ** shift) > 0; shift += digitBits) {
    starts.fill(0);
    for (let index = 0; index < count; index += 1) {
      const digit = ((keys[index]! >>> shift) & digitMask) + 1;
      starts[digit] = starts[digit]! + 1;
    }
    for (let digit = 0; digit <= digitMask; digit += 1) starts[digit + 1]! += starts[digit]!;
    for (let index = 0; index < count; index += 1) {
      const key = keys[index]!;
      const digit = (key >>> shift) & digitMask;
      const target = starts[digit]!;
      starts[digit] = target + 1;
      spareKeys[target] = key;
      spareOrder[target] = order[index]!;
    }
    [keys, spareKeys] = [spareKeys, keys];
    [order, spareOrder] = [spareOrder, order];
  }
  const result = new Array<Node>(count);
  for (let index = 0; index < count; index += 1) result[index] = nodes[order[index]!]!;
  return result;
}

/** The ids of `nodes`, position by position (each node read once). */
function idsOf(nodes: readonly Node[]): Float64Array {
  const ids = new Float64Array(nodes.length);
  for (let index = 0; index < nodes.length; index += 1) ids[index] = nodes[index]!.id;
  return ids;
}
