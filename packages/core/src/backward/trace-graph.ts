import type { Node } from '../graph/node.js';
import type { BackwardSession } from './backward-session.js';
import { sortByCreation } from './sort-by-creation.js';

/**
 * What the minimal-subgraph propagator leaves a parameter: the part of the graph that connects the
 * parameter to the output (M: descendants-or-self of the anchors that are ancestors-or-self of the
 * output), plus the blanket (parents of M's nodes that are not in M), and the user's feedback.
 *
 * The node list is computed on first access, so backward stays linear; merging the graphs of many
 * parameters with `TraceGraph.union` costs one traversal per backward pass.
 */
export class TraceGraph {
  #nodes: readonly Node[] | undefined;
  #innerList: readonly Node[] | undefined;
  #inner: Set<Node> | undefined;
  #all: Set<Node> | undefined;

  constructor(
    /** The backward pass this graph belongs to. */
    readonly session: BackwardSession,
    /** The nodes the subgraph starts from (the parameters it was built for). */
    readonly anchors: readonly Node[],
  ) {}

  /** The output the feedback was given on. */
  get output(): Node {
    return this.session.output;
  }

  /** The feedback the user gave on the output. */
  get userFeedback(): unknown {
    return this.session.feedback;
  }

  /** M plus its blanket, in execution (creation) order. */
  get nodes(): readonly Node[] {
    this.#materialize();
    return this.#nodes!;
  }

  /** Whether `node` is in M (on a path from an anchor to the output), as opposed to the blanket. */
  isOnPath(node: Node): boolean {
    this.#materialize();
    this.#inner ??= new Set(this.#innerList);
    return this.#inner.has(node);
  }

  /** Whether `node` is in the graph (M or its blanket). */
  has(node: Node): boolean {
    this.#materialize();
    this.#all ??= new Set(this.#nodes);
    return this.#all.has(node);
  }

  /** The trainable nodes in the graph. */
  get parameters(): readonly Node[] {
    return this.nodes.filter((node) => node.trainable);
  }

  /**
   * Merges graphs of the same backward pass into one (anchors combined), keeping one graph per pass in
   * the order of the passes. This is how an optimizer builds the union of its parameters' feedback.
   */
  static union(graphs: Iterable<TraceGraph>): TraceGraph[] {
    const bySession = new Map<BackwardSession, Set<Node>>();
    for (const graph of graphs) {
      let anchors = bySession.get(graph.session);
      if (anchors === undefined) {
        anchors = new Set();
        bySession.set(graph.session, anchors);
      }
      for (const anchor of graph.anchors) anchors.add(anchor);
    }
    return [...bySession.entries()]
      .sort(([a], [b]) => a.id - b.id)
      .map(([session, anchors]) => new TraceGraph(session, [...anchors]));
  }

  #materialize(): void {
    if (this.#nodes !== undefined) return;
    // The pass visited the output's ancestors with every node before its inputs; read backwards, every
    // node comes after its inputs, so one sweep finds the descendants of the anchors (M) and their
    // parents (the blanket). Marks on the nodes replace sets: no node links to its children.
    marks -= 3;
    const anchorMark = marks + 2;
    const innerMark = marks + 1;
    const blanketMark = marks;
    for (const anchor of this.anchors) anchor._scratch = anchorMark;
    const visited = this.session._visited;
    const inner: Node[] = [];
    const blanket: Node[] = [];
    for (let index = visited.length - 1; index >= 0; index -= 1) {
      const node = visited[index]!;
      const arity = node._arity;
      let onPath = node._scratch === anchorMark;
      for (let position = 0; !onPath && position < arity; position += 1) {
        onPath = node._inputAt(position)._scratch === innerMark;
      }
      if (!onPath) continue;
      node._scratch = innerMark;
      inner.push(node);
      for (let position = 0; position < arity; position += 1) {
        const input = node._inputAt(position);
        if (input._scratch !== innerMark && input._scratch !== blanketMark) {
          input._scratch = blanketMark;
          blanket.push(input);
        }
      }
    }
    this.#innerList = inner;
    this.#nodes = sortByCreation(inner.concat(blanket));
  }
}

/**
 * The last scratch mark handed out: marks go down from -2, three per computation, so they never repeat
 * and never equal a backward pass's slot (non-negative) or a new node's scratch value (-1).
 */
let marks = -1;
