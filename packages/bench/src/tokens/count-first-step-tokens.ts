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
  /** Model calls the step makes (TextGrad: one per (node, input) on a path, plus the update). */
  readonly calls: number;
}

/** The optimizers the token table compares. */
export const tokenMethods = ['trace', 'opro', 'textgrad'] as const;

interface Prompt {
  readonly system: string;
  readonly user: string;
}

/** Every prompt the optimizer's next step sends: TextGrad's whole walk, or the one prompt of the others. */
function stepPrompts(optimizer: Optimizer): readonly Prompt[] | undefined {
  const candidate = optimizer as Partial<{
    preview(): readonly Prompt[];
    render(): Prompt | undefined;
  }>;
  if (typeof candidate.preview === 'function') return candidate.preview();
  if (typeof candidate.render === 'function') {
    const prompt = candidate.render();
    return prompt === undefined ? undefined : [prompt];
  }
  return undefined;
}

/**
 * The paper's token table: the prompt tokens (o200k_base) that OptoPrime, OPRO and TextGrad would
 * send on the first step of every experiment (TextGrad: summed over its calls, whose number is shown,
 * each criticism reply assumed short), offline (nothing is sent; the graphs come from each experiment's
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
        const prompts = stepPrompts(optimizer);
        if (prompts === undefined || prompts.length === 0) {
          throw new Error(`${method} has no prompt to show for ${experiment.name}'s first step.`);
        }
        rows.push({
          experiment: experiment.name,
          method,
          systemTokens: prompts.reduce((sum, p) => sum + encoding.encode(p.system).length, 0),
          userTokens: prompts.reduce((sum, p) => sum + encoding.encode(p.user).length, 0),
          calls: prompts.length,
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
    '| experiment | method | calls | system | user | total |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.experiment} | ${row.method} | ${row.calls} | ${row.systemTokens} | ${row.userTokens} | ${row.systemTokens + row.userTokens} |`,
    ),
  ];
  return lines.join('\n');
}
