import { join } from 'node:path';
import type { UnitPlan } from '../experiments/experiment.js';

/** The run directory of a unit inside a bench run folder: `units/<method>/<task>/seed-<n>`. */
export function unitDirectory(folder: string, plan: UnitPlan): string {
  for (const part of [plan.method, plan.task]) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(part)) {
      throw new RangeError(`A method or task name must be a plain file name; got '${part}'.`);
    }
  }
  return join(folder, 'units', plan.method, plan.task, `seed-${plan.seed}`);
}
