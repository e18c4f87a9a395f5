import { childNameCounters, currentContext, runInContext } from './trace-context.js';

/**
 * Runs `work` in a fresh naming scope. Nodes created inside get the same names every time the same
 * workflow runs in a scope (so the optimizer sees stable names from one iteration to the next), and
 * concurrent scopes never share counters. Nodes created next to the scope, after it, continue after
 * the names used inside. A scope changes naming only: inside an operator, it is still the operator.
 *
 * @example
 * const outputs = await Promise.all(batch.map((example) => scope(() => agent.forward(example))));
 */
export function scope<R>(work: () => R): R {
  const context = currentContext();
  return runInContext(
    // Only naming changes: tracing and the operator frame (its hidden-read check) carry on.
    { ...context, names: childNameCounters(context.names) },
    work,
  );
}
