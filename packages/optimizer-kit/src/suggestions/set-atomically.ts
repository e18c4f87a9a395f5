import { type Node, TraceError } from '@trace/core';

/** A new value for a parameter. */
export interface PlannedUpdate {
  readonly parameter: Node;
  readonly value: unknown;
}

/**
 * Sets every parameter to its new value, or none: when one assignment throws, the parameters already
 * set get their old values back (in reverse order) and the error is rethrown. If restoring itself
 * fails, a TraceError with code INVALID_ARGUMENT names the parameters left changed.
 */
export function setAtomically(updates: readonly PlannedUpdate[]): void {
  const done: { parameter: Node; before: unknown }[] = [];
  try {
    for (const { parameter, value } of updates) {
      const before = parameter.data;
      parameter.data = value;
      done.push({ parameter, before });
    }
  } catch (error) {
    const stuck: string[] = [];
    for (const { parameter, before } of done.reverse()) {
      try {
        parameter.data = before;
      } catch {
        stuck.push(parameter.name);
      }
    }
    if (stuck.length > 0) {
      throw new TraceError(
        'INVALID_ARGUMENT',
        `Setting a parameter failed and ${stuck.join(', ')} could not be restored to its old value. Check the setters of these parameters.`,
        { cause: error },
      );
    }
    throw error;
  }
}
