import type { Node } from '../graph/node.js';

let sessions = 0;

/** One backward pass: its output, the user's feedback, and the nodes it visited. */
export class BackwardSession {
  /** Unique, increasing id of the pass. */
  readonly id = sessions++;
  /**
   * @internal Nodes visited, in visiting order: every node before its inputs (recorded when the
   * propagator asks for it; trace graphs are computed from this list).
   */
  readonly _visited: Node[] = [];
  #members: Set<Node> | undefined;

  constructor(
    /** The node backward was called on. */
    readonly output: Node,
    /** The feedback given by the user. */
    readonly feedback: unknown,
  ) {}

  /** Whether `node` was visited by this pass (it is an ancestor-or-self of the output). */
  has(node: Node): boolean {
    this.#members ??= new Set(this._visited);
    return this.#members.has(node);
  }
}
