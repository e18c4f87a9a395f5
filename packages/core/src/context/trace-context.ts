import { AsyncLocalStorage } from 'node:async_hooks';
import type { Node } from '../graph/node.js';

/**
 * Naming counters of one `scope()`. A scope starts from a copy of its parent's `counters`, so names
 * inside a scope are the same every time the scope runs (stable prompts) and never clash with names
 * created before it (parameters). What a scope uses is reported to its ancestors' `used`, so a node
 * created next to a scope, after it, never repeats a name from inside it.
 */
export interface NameCounters {
  /** Next index per base for the scopes started from here (names made here and before). */
  readonly counters: Map<string, number>;
  /** One past the largest index per base used here or in any scope started from here. */
  readonly used: Map<string, number>;
  /** The counters of the enclosing scope (undefined at the root). */
  readonly parent: NameCounters | undefined;
}

/** Counters for a new scope inside `parent`. */
export function childNameCounters(parent: NameCounters): NameCounters {
  return { counters: new Map(parent.counters), used: new Map(parent.counters), parent };
}

/** The operator call currently executing, used to catch reads of nodes that were not passed in. */
export interface OperatorFrame {
  /** The operator's name, for error messages. */
  readonly operatorName: string;
  /** Nodes passed to the call; reading their `data` inside the operator is allowed. */
  readonly inputs: readonly Node[];
  /** When set, external reads are recorded here instead of failing. */
  readonly external: Set<Node> | undefined;
}

/** Everything tracing needs to know about "where we are", kept per async flow. */
export interface TraceContext {
  readonly names: NameCounters;
  /** False inside `noTrace()`: operators run but record no graph. */
  readonly tracing: boolean;
  /** Set while an operator's function runs. */
  readonly operator: OperatorFrame | undefined;
}

const storage = new AsyncLocalStorage<TraceContext>();
const rootContext: TraceContext = {
  names: { counters: new Map(), used: new Map(), parent: undefined },
  tracing: true,
  operator: undefined,
};

/** The context of the current async flow (the root context outside any scope). */
export function currentContext(): TraceContext {
  return storage.getStore() ?? rootContext;
}

/** Runs `work` with `context` as the current context for its whole async flow. */
export function runInContext<R>(context: TraceContext, work: () => R): R {
  return storage.run(context, work);
}

let syncFrame: OperatorFrame | undefined;

/**
 * The operator call executing now, if any. Synchronous operators publish their frame in a plain
 * variable for the duration of the call (cheaper than an async-local context); async ones run in an
 * async-local context so the frame follows their awaits.
 */
export function currentOperatorFrame(): OperatorFrame | undefined {
  return syncFrame ?? storage.getStore()?.operator;
}

/** Calls `target` synchronously with `frame` as the current operator frame. */
export function callInSyncFrame(
  frame: OperatorFrame,
  target: (...values: any[]) => unknown,
  thisArg: unknown,
  values: unknown[],
): unknown {
  const previous = syncFrame;
  syncFrame = frame;
  try {
    return invokeTracedOperator(target, thisArg, values);
  } finally {
    syncFrame = previous;
  }
}

/** Calls `target` in an async-local context whose operator frame is `frame` (it follows awaits). */
export function callInAsyncFrame(
  context: TraceContext,
  target: (...values: any[]) => unknown,
  thisArg: unknown,
  values: unknown[],
): unknown {
  return storage.run(context, invokeTracedOperator, target, thisArg, values);
}

/**
 * Calls an operator's function. Its name marks the stack frame just below the operator's own frame
 * (see `locateErrorLine`); do not rename it.
 */
function invokeTracedOperator(
  target: (...values: any[]) => unknown,
  thisArg: unknown,
  values: unknown[],
): unknown {
  return Reflect.apply(target, thisArg, values);
}

/**
 * The operator frame of `context` (from `currentContext()`), or of the synchronous call running now:
 * `currentOperatorFrame()` for a caller that already holds the context (one async-local lookup per
 * operator call instead of several).
 */
export function operatorFrameOf(context: TraceContext): OperatorFrame | undefined {
  return syncFrame ?? context.operator;
}

/** Takes the next index for `base` in the current naming scope. */
export function nextNameIndex(base: string): number {
  return takeNameIndex(currentContext().names, base);
}

/** Takes the next index for `base` in `names` (the current context's counters). */
export function takeNameIndex(names: NameCounters, base: string): number {
  const index = names.used.get(base) ?? 0;
  const next = index + 1;
  names.counters.set(base, next);
  names.used.set(base, next);
  for (let outer = names.parent; outer !== undefined; outer = outer.parent) {
    if ((outer.used.get(base) ?? 0) >= next) break; // the outer scopes already went past it
    outer.used.set(base, next);
  }
  return index;
}
