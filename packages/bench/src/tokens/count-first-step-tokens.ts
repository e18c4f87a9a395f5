import type { Optimizer } from '@trace/core';
import { createPipelineCheckModel } from '../ci/scripted-model.js';
import { createLlmOptimizer } from '../experiments/llm-optimizer.js';
import { experiments } from '../experiments/registry.js';

/** Prompt tokens of one optimizer on the first step of one experiment. */
export interface TokenRow {
  readonly experiment: string;
  /** `trace` (OptoPrime) or `opro`. */
  readonly method: string;
  /** o200k_base tokens of the system prompt. */
  readonly systemTokens: number;
  /** o200k_base tokens of the user turn. */
  readonly userTokens: number;
}

/** The optimizers the token table compares. */
export const tokenMethods = ['trace', 'opro'] as const;

interface Renderable {
  render(): { system: string; user: string } | undefined;
}

function isRenderable(optimizer: Optimizer): optimizer is Optimizer & Renderable {
  return typeof (optimizer as Partial<Renderable>).render === 'function';
}

/**
 * The paper's token table: the prompt tokens (o200k_base) that OptoPrime and OPRO would send on the
 * first step of every experiment, offline (nothing is sent; the graphs come from each experiment's
 * first forward pass, with a scripted model where the workflow calls one).
 */
export async function countFirstStepTokens(): Promise<TokenRow[]> {
  const { getEncoding } = await import('js-tiktoken');
  const encoding = getEncoding('o200k_base');
  const model = createPipelineCheckModel();
  const rows: TokenRow[] = [];
  for (const experiment of experiments) {
    for (const method of tokenMethods) {
      const step = await experiment.firstStep(model);
      try {
        const optimizer = createLlmOptimizer(method, step.parameters, model);
        optimizer.backward(step.output, step.feedback);
        const prompt = isRenderable(optimizer) ? optimizer.render() : undefined;
        if (prompt === undefined) {
          throw new Error(`${method} has no prompt to show for ${experiment.name}'s first step.`);
        }
        rows.push({
          experiment: experiment.name,
          method,
          systemTokens: encoding.encode(prompt.system).length,
          userTokens: encoding.encode(prompt.user).length,
        });
      } finally {
        await step.close?.();
      }
    }
  }
  return rows;
}

/** The token table as markdown. */
export function tokenTable(rows: readonly TokenRow[]): string {
  const lines = [
    '| experiment | method | system | user | total |',
    '|---|---|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.experiment} | ${row.method} | ${row.systemTokens} | ${row.userTokens} | ${row.systemTokens + row.userTokens} |`,
    ),
  ];
  return lines.join('\n');
}
