import { backward } from '../backward/backward.js';
import type { BackwardOptions, BackwardResult } from '../backward/backward-options.js';
import { currentOperatorFrame, nextNameIndex } from '../context/trace-context.js';
import { TraceError } from '../errors/trace-error.js';
import { type Constraint, toConstraint } from './constraint.js';
import { fluentOperator } from './fluent-table.js';
import { inspectNode, inspectSymbol } from './inspect-node.js';
import type { MessageNode } from './message-node.js';
import { type NodeJson, nodeJson } from './node-json.js';

/** A value or a node holding one: what traced operators accept. */
export type NodeInput<T> = T | Node<T>;

/** Options of `node()`. */
export interface NodeOptions {
  /** Base of the node's name (`base:counter`). Defaults to the value's type. */
  readonly name?: string;
  /** A trainable node is a parameter: optimizers may change its value. */
  readonly trainable?: boolean;
  /** What the value means, shown to optimizers. */
  readonly description?: string;
  /** A constraint on the value (text, optionally with a machine check). */
  readonly constraint?: string | Constraint;
}

const marker = Symbol.for('@trace/core.Node');

/** What a root node was created with (operators' outputs have none of it). */
interface RootInfo {
  readonly trainable: boolean;
  readonly description: string | undefined;
  readonly constraint: Constraint | undefined;
}
const noInputs: readonly Node[] = Object.freeze([]);
let sequence = 0;

/**
 * A value in a traced workflow. Roots are created with `node()` (a parameter when trainable); every
 * traced operator call creates a `MessageNode` whose parents are its inputs.
 *
 * TypeScript has no operator overloading, so operators are functions (`ops.add(x, y)`) and fluent
 * methods (`x.add(y)`); both record the same graph.
 */
export class Node<T = unknown> {
  // Fields are assigned in the constructor, in this order: those read on every visit of a node
  // (building and walking graphs of millions of nodes) come first, close together in memory, and
  // what only roots have lives in one shared-shape record. Every field is one more word in each of
  // millions of nodes for the garbage collector to copy.

  /** Creation order: a node's id is larger than its parents' ids (execution order). */
  declare readonly id: number;
  /** Longest path from the roots (roots are 0). */
  declare readonly level: number;
  /** @internal The value. */
  declare _data: T;
  /** @internal Number of inputs (a node may appear twice, as in `x + x`). */
  declare readonly _arity: number;
  /**
   * @internal The first input, or the array of all inputs when there are more than two. One or two
   * inputs (almost every operator call) live in the node itself: no array per node to allocate, copy
   * and follow. Read inputs with `_inputAt`.
   */
  declare readonly _in0: Node | readonly Node[] | undefined;
  /** @internal The second input, when there are exactly two. */
  declare readonly _in1: Node | undefined;
  /** @internal Id of the last backward pass that found this node (see `backward.ts`). */
  declare _stamp: number;
  /** @internal Messages received in the last backward pass. */
  declare _feedback: unknown[] | undefined;
  /** @internal Base of the name. */
  declare readonly _base: string;
  /** @internal Counter part of the name. */
  declare readonly _index: number;
  /**
   * @internal Scratch space of the graph computation running now: a node's position in a backward
   * pass's visiting order (`backward.ts`, non-negative), or a trace-graph mark (`trace-graph.ts`,
   * negative, never reused), so that neither mistakes the other's leftovers for its own.
   */
  declare _scratch: number;
  /** @internal What a root was created with (trainable, description, constraint), if anything. */
  declare readonly _root: RootInfo | undefined;

  /**
   * @internal Use `node()` or a traced operator. Positional arguments keep the hot path lean. A node
   * knows only its inputs: nothing links a node to the nodes computed from it, so a graph nobody
   * references is collected however long its roots live.
   */
  constructor(
    data: T,
    base: string,
    inputs: readonly Node[] = noInputs,
    trainable = false,
    description: string | undefined = undefined,
    constraint: string | Constraint | undefined = undefined,
    index: number = nextNameIndex(base),
  ) {
    let level = 0;
    for (let position = 0; position < inputs.length; position += 1) {
      const inputLevel = inputs[position]!.level;
      if (inputLevel >= level) level = inputLevel + 1;
    }
    this.id = sequence++;
    this.level = level;
    this._data = data;
    const arity = inputs.length;
    this._arity = arity;
    this._in0 = arity === 0 ? undefined : arity > 2 ? inputs : inputs[0];
    this._in1 = arity === 2 ? inputs[1] : undefined;
    this._stamp = -1;
    this._feedback = undefined;
    this._base = base;
    this._index = index;
    this._scratch = -1;
    this._root =
      trainable || description !== undefined || constraint !== undefined
        ? { trainable, description, constraint: toConstraint(constraint) }
        : undefined;
  }

  /** @internal The input at `position` (0 <= position < `_arity`). */
  _inputAt(position: number): Node {
    if (this._arity > 2) return (this._in0 as readonly Node[])[position]!;
    return position === 0 ? (this._in0 as Node) : this._in1!;
  }

  /** @internal The inputs by position, as an array (a new one unless there are more than two). */
  get _inputs(): readonly Node[] {
    const arity = this._arity;
    if (arity === 0) return noInputs;
    if (arity > 2) return this._in0 as readonly Node[];
    return arity === 1 ? [this._in0 as Node] : [this._in0 as Node, this._in1!];
  }

  /** Whether optimizers may change this node's value. */
  get trainable(): boolean {
    return this._root?.trainable === true;
  }

  /** What the value means, shown to optimizers. */
  get description(): string | undefined {
    return this._root?.description;
  }

  /** A constraint on the value, shown to optimizers and checked when machine-checkable. */
  get constraint(): Constraint | undefined {
    return this._root?.constraint;
  }

  /** What `console.log(node)` prints: name, value and what optimizers see, no private fields. */
  [inspectSymbol](
    depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return inspectNode(this, depth, options, inspect);
  }

  /** The node's name, `base:counter`; stable from one run of a `scope()` to the next. */
  get name(): string {
    return `${this._base}:${this._index}`;
  }

  /** The node's name without the colon (`add0`), as optimizers show it. */
  get label(): string {
    return `${this._base}${this._index}`;
  }

  /**
   * The value. Reading it inside a traced operator is an error unless the node was passed to the
   * operator as an argument (or the operator allows external dependencies).
   */
  get data(): T {
    const frame = currentOperatorFrame();
    if (frame !== undefined && !frame.inputs.includes(this)) {
      if (frame.external === undefined) {
        throw new TraceError(
          'MISSING_INPUT',
          `Operator '${frame.operatorName}' read node '${this.name}' without receiving it as an argument, which would hide a dependency from the graph. Pass '${this.name}' as an argument, or bundle the operator with { allowExternalDependencies: true } to record it as an extra input.`,
        );
      }
      frame.external.add(this);
    }
    return this._data;
  }

  /**
   * Sets a parameter's value (optimizers do this). Only trainable nodes can be changed: a computed
   * value changes by running the workflow again.
   */
  set data(value: T) {
    if (!this.trainable) {
      throw new TraceError(
        'INVALID_ARGUMENT',
        `Node '${this.name}' is not trainable, so its value cannot be set. Create it with node(value, { trainable: true }) to make it a parameter.`,
      );
    }
    this._data = value;
  }

  /** True for nodes created by a traced operator. */
  get isMessage(): boolean {
    return false;
  }

  /** The distinct nodes this node was computed from, in argument order. */
  get parents(): readonly Node[] {
    const inputs = this._inputs;
    if (inputs.length < 2) return inputs;
    const unique = [...new Set(inputs)];
    return unique.length === inputs.length ? inputs : unique;
  }

  /** The inputs by argument position; a node passed twice appears twice (see `parents`). */
  get inputNodes(): readonly Node[] {
    return this._inputs;
  }

  /**
   * The messages this node received: a parameter keeps them until `zeroFeedback()`; other nodes only
   * with `retainGraph: true` (they release them once the pass has gone through them).
   */
  get feedback(): readonly unknown[] {
    return this._feedback ?? noInputs;
  }

  /** Clears the messages received from backward passes. */
  zeroFeedback(): void {
    this._feedback = undefined;
  }

  /**
   * Sends `feedback` from this node back to the parameters it depends on (the paper's Algorithm 1).
   * The default `GraphPropagator` leaves each reached parameter a `TraceGraph`.
   */
  backward(feedback: unknown, options: BackwardOptions = {}): BackwardResult {
    return backward(this, feedback, options);
  }

  /**
   * What `JSON.stringify(node)` writes: `{ name, data, trainable }`, plus the description and the
   * constraint's text of a root, or the operator and its inputs by name (`{ a: 'x:0' }`) of an
   * operator's output; never private fields, and never the input nodes themselves.
   */
  toJSON(): NodeJson {
    return nodeJson(this);
  }

  /** A short description for debugging: `name = value`. */
  toString(): string {
    return `${this.name} = ${String(this._data)}`;
  }

  // ---- Fluent operators (each records the same graph node as the matching `ops` function) ----

  /** `this + other` (numbers) or concatenation (strings). */
  add<U extends number | string>(this: Node<U>, other: NodeInput<U>): MessageNode<U> {
    return fluentOperator('add')(this, other);
  }
  /** `this - other`. */
  subtract(this: Node<number>, other: NodeInput<number>): MessageNode<number> {
    return fluentOperator('subtract')(this, other);
  }
  /** `this * other`. */
  multiply(this: Node<number>, other: NodeInput<number>): MessageNode<number> {
    return fluentOperator('multiply')(this, other);
  }
  /** `this / other`. */
  divide(this: Node<number>, other: NodeInput<number>): MessageNode<number> {
    return fluentOperator('divide')(this, other);
  }
  /** `Math.floor(this / other)`. */
  floorDivide(this: Node<number>, other: NodeInput<number>): MessageNode<number> {
    return fluentOperator('floorDivide')(this, other);
  }
  /** `this mod other`, with the sign of `other` (Python's `%`). */
  mod(this: Node<number>, other: NodeInput<number>): MessageNode<number> {
    return fluentOperator('mod')(this, other);
  }
  /** `this ** exponent`. */
  pow(this: Node<number>, exponent: NodeInput<number>): MessageNode<number> {
    return fluentOperator('power')(this, exponent);
  }
  /** `-this`. */
  neg(this: Node<number>): MessageNode<number> {
    return fluentOperator('neg')(this);
  }
  /** `|this|`. */
  abs(this: Node<number>): MessageNode<number> {
    return fluentOperator('abs')(this);
  }
  /** `this === other`. */
  eq(other: NodeInput<unknown>): MessageNode<boolean> {
    return fluentOperator('equal')(this, other);
  }
  /** `this !== other`. */
  ne(other: NodeInput<unknown>): MessageNode<boolean> {
    return fluentOperator('notEqual')(this, other);
  }
  /** `this < other`. */
  lt(this: Node<number | string>, other: NodeInput<number | string>): MessageNode<boolean> {
    return fluentOperator('lessThan')(this, other);
  }
  /** `this <= other`. */
  le(this: Node<number | string>, other: NodeInput<number | string>): MessageNode<boolean> {
    return fluentOperator('lessOrEqual')(this, other);
  }
  /** `this > other`. */
  gt(this: Node<number | string>, other: NodeInput<number | string>): MessageNode<boolean> {
    return fluentOperator('greaterThan')(this, other);
  }
  /** `this >= other`. */
  ge(this: Node<number | string>, other: NodeInput<number | string>): MessageNode<boolean> {
    return fluentOperator('greaterOrEqual')(this, other);
  }
  /** `this[key]` for arrays, records and strings. */
  getItem<K extends keyof T>(key: NodeInput<K>): MessageNode<T[K]> {
    return fluentOperator('getItem')(this, key);
  }
  /** `this.length` of an array or string, or the number of keys of a record. */
  len(): MessageNode<number> {
    return fluentOperator('length')(this);
  }
  /** The value of property `name`. */
  getAttr<K extends keyof T & string>(name: K): MessageNode<T[K]> {
    return fluentOperator('getAttr')(this, name);
  }
  /** Calls method `name` of the value with `args` and traces the result. */
  callMethod(name: string, ...args: NodeInput<unknown>[]): MessageNode<unknown> {
    return fluentOperator('callMethod')(this, name, ...args);
  }
}

// The marker lives on the prototype: no per-node cost, and `in` still finds it.
Object.defineProperty(Node.prototype, marker, { value: true });

/** True when `value` is a Node (from any copy of this package). */
export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && marker in value;
}
