import type { Node, Optimizer } from '@trace/core';
import type { LanguageModel } from '@trace/llm';
import { OPRO } from '@trace/opro';
import { OptoPrime, traceMaskedSections } from '@trace/optoprime';
import { TextGrad } from '@trace/textgrad';
import { BenchError } from '../bench-error.js';

/** How an experiment configures its LLM methods. */
export interface LlmMethodSettings {
  /** OptoPrime's memory (the paper: 0 unless said; traffic and Meta-World: 5). */
  readonly memorySize?: number;
  /** OPRO's history (the paper's "memory 5" for traffic). */
  readonly historySize?: number;
  /** The task, as the optimizer's objective (default: each optimizer's own). */
  readonly objective?: string;
}

/**
 * The optimizer of an LLM method: `trace` (OptoPrime), `trace-masked` (OptoPrime with the paper's
 * masked sections), `trace-no-memory` (OptoPrime without memory), `opro` (OPRO), `textgrad`
 * (TextGrad: textual gradients passed node by node). Every one is used
 * only through the shared `Optimizer` interface.
 */
export function createLlmOptimizer(
  method: string,
  parameters: readonly Node[],
  model: LanguageModel,
  settings: LlmMethodSettings = {},
): Optimizer {
  const objective = settings.objective === undefined ? {} : { objective: settings.objective };
  switch (method) {
    case 'trace':
    case 'trace-cot':
      return new OptoPrime(parameters, {
        model,
        memorySize: settings.memorySize ?? 0,
        ...objective,
      });
    case 'trace-no-memory':
      return new OptoPrime(parameters, { model, memorySize: 0, ...objective });
    case 'trace-masked':
      return new OptoPrime(parameters, {
        model,
        memorySize: settings.memorySize ?? 0,
        hiddenSections: traceMaskedSections,
        ...objective,
      });
    case 'textgrad':
      return new TextGrad(parameters, { model, ...objective });
    case 'opro':
      return new OPRO(parameters, { model, historySize: settings.historySize ?? 20, ...objective });
    default:
      throw new BenchError('UNKNOWN_METHOD', `'${method}' is not an LLM method.`);
  }
}

/** The model of an LLM unit, or a clear error (the harness checks this before any work starts). */
export function requireModel(model: LanguageModel | undefined, method: string): LanguageModel {
  if (model === undefined) {
    throw new BenchError(
      'NEEDS_MODEL',
      `The method '${method}' needs a model; pass --model provider:model.`,
    );
  }
  return model;
}
