import type { Budget } from '@trace/llm';
import { TrainerError } from '../errors.js';
import type { Usage } from '../run-directory/schemas.js';

/** Usage of nothing. */
export const noUsage: Usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };

const add = (a: Usage, b: Usage): Usage => ({
  calls: a.calls + b.calls,
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
  costUsd: a.costUsd + b.costUsd,
});

const subtract = (a: Usage, b: Usage): Usage => ({
  calls: a.calls - b.calls,
  inputTokens: a.inputTokens - b.inputTokens,
  outputTokens: a.outputTokens - b.outputTokens,
  costUsd: a.costUsd - b.costUsd,
});

/**
 * Measures a run's usage through its `@trace/llm` budget (no budget: nothing is measured) and decides
 * whether the next step can be paid for: it must fit the largest step seen so far (or the caller's
 * estimate) in what remains.
 */
export class UsageMeter {
  readonly #budget: Budget | undefined;
  readonly #before: Usage;
  #startOfBudget: Usage;
  #largestStep: Usage = noUsage;

  /**
   * `before` is what earlier sessions of the run spent (from the checkpoint). It is charged to the
   * budget, so a budget limits the whole run; a resume needs a budget larger than that.
   */
  constructor(budget: Budget | undefined, before: Usage) {
    this.#budget = budget;
    this.#before = before;
    if (
      budget !== undefined &&
      (before.inputTokens + before.outputTokens > 0 || before.costUsd > 0)
    ) {
      try {
        budget
          .reserve(
            { tokens: before.inputTokens + before.outputTokens, costUsd: before.costUsd },
            'what the run spent before this resume',
          )
          .commit(before);
      } catch (error) {
        throw new TrainerError(
          'INVALID_OPTIONS',
          `The run already spent ${before.inputTokens + before.outputTokens} tokens and $${before.costUsd.toFixed(4)}, which the budget (${JSON.stringify(budget.limits)}) does not cover. Resume with a larger budget.`,
          { cause: error },
        );
      }
    }
    this.#startOfBudget = this.#spent();
  }

  #spent(): Usage {
    return this.#budget === undefined ? noUsage : { ...this.#budget.spent };
  }

  /** Run totals: earlier sessions plus this one. */
  get total(): Usage {
    return add(this.#before, subtract(this.#spent(), this.#startOfBudget));
  }

  /** Marks the start of a step; returns a function that gives the step's usage. */
  startStep(): () => Usage {
    const start = this.#spent();
    return () => {
      const used = subtract(this.#spent(), start);
      if (
        used.costUsd > this.#largestStep.costUsd ||
        used.inputTokens + used.outputTokens >
          this.#largestStep.inputTokens + this.#largestStep.outputTokens
      ) {
        this.#largestStep = used;
      }
      return used;
    };
  }

  /** Why the next step cannot be paid for, or undefined when it can (or there is no budget). */
  cannotAffordNextStep(estimate: Usage | undefined): string | undefined {
    const budget = this.#budget;
    if (budget === undefined) return undefined;
    const next = estimate ?? this.#largestStep;
    const spent = budget.spent;
    const { maxCostUsd, maxTokens } = budget.limits;
    if (maxCostUsd !== undefined && spent.costUsd + next.costUsd > maxCostUsd) {
      return `the next step may cost $${next.costUsd.toFixed(4)} but only $${Math.max(0, maxCostUsd - spent.costUsd).toFixed(4)} of $${maxCostUsd} remain`;
    }
    const tokens = next.inputTokens + next.outputTokens;
    const used = spent.inputTokens + spent.outputTokens;
    if (maxTokens !== undefined && used + tokens > maxTokens) {
      return `the next step may use ${tokens} tokens but only ${Math.max(0, maxTokens - used)} of ${maxTokens} remain`;
    }
    return undefined;
  }
}
