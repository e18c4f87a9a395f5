import type { Node } from '@trace/core';
import { TrainerError } from '../errors.js';
import type { ParameterValue } from '../run-directory/schemas.js';

/** The parameters' current values, as JSON-ready `{ name, value }` in order. */
export function snapshotParameters(parameters: readonly Node[]): ParameterValue[] {
  return parameters.map((parameter) => ({ name: parameter.name, value: parameter.data }));
}

const nameBase = (name: string) => name.replace(/:\d+$/, '');

/**
 * Sets the parameters to saved values, all or nothing. The saved list must have one entry per
 * parameter with the same name base (names are `base:counter`), or nothing is changed.
 */
export function restoreParameters(
  parameters: readonly Node[],
  saved: readonly ParameterValue[],
  where: string,
): void {
  if (saved.length !== parameters.length) {
    throw new TrainerError(
      'CHECKPOINT',
      `${where} holds ${saved.length} parameters but the optimizer has ${parameters.length}. It belongs to another workflow; nothing was changed.`,
    );
  }
  saved.forEach((entry, index) => {
    const parameter = parameters[index]!;
    if (nameBase(entry.name) !== nameBase(parameter.name)) {
      throw new TrainerError(
        'CHECKPOINT',
        `${where} holds parameter '${entry.name}' at position ${index} where the optimizer has '${parameter.name}'. It belongs to another workflow; nothing was changed.`,
      );
    }
  });
  saved.forEach((entry, index) => {
    const parameter = parameters[index]!;
    if (!Object.is(parameter.data, entry.value)) parameter.data = entry.value;
  });
}

/** Parameters whose value differs between two snapshots (compared as JSON). */
export function changedParameters(
  before: readonly ParameterValue[],
  after: readonly ParameterValue[],
): { name: string; before: unknown; after: unknown }[] {
  const changes: { name: string; before: unknown; after: unknown }[] = [];
  after.forEach((entry, index) => {
    const previous = before[index];
    if (JSON.stringify(previous?.value) !== JSON.stringify(entry.value)) {
      changes.push({ name: entry.name, before: previous?.value, after: entry.value });
    }
  });
  return changes;
}
