import { formatNumber } from './format-number.js';
import type { UnitSeries } from './load-bench-run.js';

/**
 * The model-use table: per LLM method, the mean model calls and tokens of one optimization step over
 * its completed units (OptoPrime and OPRO make one call a step; TextGrad one per node and input on a
 * path to a parameter, plus the update). Empty when no method called a model.
 */
export function modelUseTable(units: readonly UnitSeries[], order: readonly string[]): string[] {
  const byMethod = new Map<
    string,
    { steps: number; calls: number; input: number; output: number }
  >();
  for (const unit of units) {
    if (unit.status !== 'completed' || unit.usage === undefined || unit.usage.size === 0) continue;
    const total = byMethod.get(unit.method) ?? { steps: 0, calls: 0, input: 0, output: 0 };
    for (const usage of unit.usage.values()) {
      total.steps += 1;
      total.calls += usage.calls;
      total.input += usage.inputTokens;
      total.output += usage.outputTokens;
    }
    byMethod.set(unit.method, total);
  }
  if (byMethod.size === 0) return [];
  const methods = [...byMethod.keys()].sort(
    (a, b) => rank(order, a) - rank(order, b) || a.localeCompare(b),
  );
  return [
    '| method | steps | calls per step | input tokens per step | output tokens per step |',
    '|---|---:|---:|---:|---:|',
    ...methods.map((method) => {
      const total = byMethod.get(method)!;
      const per = (n: number) => formatNumber(n / total.steps);
      return `| ${method} | ${total.steps} | ${per(total.calls)} | ${per(total.input)} | ${per(total.output)} |`;
    }),
  ];
}

function rank(order: readonly string[], method: string): number {
  const index = order.indexOf(method);
  return index < 0 ? order.length : index;
}
