import { meanAndStandardError } from '@trace/trainer';
import type { CurvePoint } from '../charts/learning-curve-spec.js';
import type { UnitSeries } from './load-bench-run.js';

/** A method's curve: per step, the mean ± standard error over its units, and how many units. */
export interface MethodCurve {
  readonly method: string;
  readonly points: readonly (CurvePoint & { readonly units: number })[];
}

/**
 * Aggregates completed units per method and step (methods in `order`, then any others by name).
 * Unfinished units are left out, so a report of a running or crashed run shows finished work only.
 */
export function aggregateCurves(
  units: readonly UnitSeries[],
  order: readonly string[],
): MethodCurve[] {
  const byMethod = new Map<string, UnitSeries[]>();
  for (const unit of units) {
    if (unit.status !== 'completed') continue;
    byMethod.set(unit.method, [...(byMethod.get(unit.method) ?? []), unit]);
  }
  const methods = [...byMethod.keys()].sort(
    (a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b),
  );
  return methods.map((method) => {
    const series = byMethod.get(method)!;
    const steps = [...new Set(series.flatMap((unit) => [...unit.values.keys()]))].sort(
      (a, b) => a - b,
    );
    return {
      method,
      points: steps.map((step) => {
        const values = series.flatMap((unit) => {
          const value = unit.values.get(step);
          return value === undefined ? [] : [value];
        });
        return { method, step, ...meanAndStandardError(values), units: values.length };
      }),
    };
  });
}

function rank(order: readonly string[], method: string): number {
  const index = order.indexOf(method);
  return index < 0 ? order.length : index;
}
