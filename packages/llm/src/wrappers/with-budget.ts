import { ConfigurationError } from '../errors/configuration-error.js';
import { throwIfAborted } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { estimateInputTokens } from '../spec/estimate-tokens.js';
import type {
  CompletionRequest,
  CompletionResponse,
  LanguageModel,
} from '../spec/language-model.js';
import { type Budget, type BudgetLimits, createBudget } from './budget.js';
import { costOf, findPrice, type ModelPrice } from './prices.js';

/** Options of {@link withBudget}: a shared `budget`, or limits for a new one. */
export type BudgetOptions = (BudgetLimits | { readonly budget: Budget }) & {
  /** Prices consulted before `defaultPrices`, keyed by model id (or id prefix). */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** Output tokens assumed for a request without `maxTokens`; default 4096. */
  readonly assumedOutputTokens?: number;
};

/** A model with a budget; `budget.spent` holds the usage and cost so far. */
export interface BudgetedLanguageModel extends LanguageModel {
  /** The budget every call is charged to. */
  readonly budget: Budget;
}

/**
 * Accounts usage and cost, and refuses a call before it is sent when it could take the run over its
 * budget (a `BudgetExceededError`). The estimate is deliberately a worst case: input tokens by the
 * cheap estimate (four characters per token plus four per message) and output tokens equal to the
 * request's `maxTokens` (or `assumedOutputTokens`). After the call the provider's reported usage is
 * charged instead. Failed calls are not charged; cached responses cost nothing. A dollar limit needs a
 * price for the model: unknown models are refused at wrap time (pass `prices`, e.g. `{ 'llama3.2':
 * { inputPerMillion: 0, outputPerMillion: 0 } }` for a local model).
 *
 * @example
 * ```ts
 * const model = withBudget(createOpenAI({ model: 'gpt-4o-mini' }), { maxCostUsd: 2 });
 * await complete(model, 'hi');
 * console.log(model.budget.spent); // { calls: 1, inputTokens, outputTokens, costUsd }
 * ```
 */
export function withBudget(model: LanguageModel, options: BudgetOptions): BudgetedLanguageModel {
  checkOptions('withBudget', options, [
    'budget',
    'maxTokens',
    'maxCostUsd',
    'prices',
    'assumedOutputTokens',
  ]);
  if ('budget' in options && ('maxTokens' in options || 'maxCostUsd' in options)) {
    throw new ConfigurationError({
      message:
        'withBudget: pass either a shared budget or limits (maxTokens, maxCostUsd), not both; put the limits in createBudget({ ... }).',
    });
  }
  const assumed = options.assumedOutputTokens;
  if (assumed !== undefined && !(Number.isInteger(assumed) && assumed >= 0)) {
    throw new ConfigurationError({
      message: `withBudget: assumedOutputTokens must be an integer >= 0; got ${String(assumed)}.`,
    });
  }
  const budget =
    'budget' in options
      ? options.budget
      : createBudget({
          ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
          ...(options.maxCostUsd === undefined ? {} : { maxCostUsd: options.maxCostUsd }),
        });
  const prices = options.prices ?? {};
  const assumedOutputTokens = options.assumedOutputTokens ?? 4096;
  const price = findPrice(model.modelId, prices);
  if (price === undefined && budget.limits.maxCostUsd !== undefined) {
    throw new ConfigurationError({
      message: `No price is known for the model "${model.modelId}", so a dollar budget cannot be enforced. Pass withBudget(model, { prices: { '${model.modelId}': { inputPerMillion, outputPerMillion } } }) or use a token budget (maxTokens).`,
    });
  }
  return {
    provider: model.provider,
    modelId: model.modelId,
    budget,
    async doComplete(request: CompletionRequest): Promise<CompletionResponse> {
      throwIfAborted(request.signal);
      const inputTokens = estimateInputTokens(request);
      const outputTokens = request.maxTokens ?? assumedOutputTokens;
      const costUsd = price === undefined ? 0 : costOf(price, inputTokens, outputTokens);
      const reservation = budget.reserve(
        { tokens: inputTokens + outputTokens, costUsd },
        `about ${inputTokens} input tokens estimated plus ${outputTokens} output tokens (${request.maxTokens === undefined ? 'assumedOutputTokens' : 'maxTokens'})`,
      );
      let response: CompletionResponse;
      try {
        response = await model.doComplete(request);
      } catch (error) {
        reservation.cancel();
        throw error;
      }
      if (response.cached) {
        reservation.commit({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
      } else {
        const actualPrice = findPrice(response.modelId, prices) ?? price;
        const { inputTokens: input, outputTokens: output } = response.usage;
        reservation.commit({
          inputTokens: input,
          outputTokens: output,
          costUsd: actualPrice === undefined ? 0 : costOf(actualPrice, input, output),
        });
      }
      return response;
    },
  };
}
