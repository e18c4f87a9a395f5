import { BudgetExceededError, type BudgetUnit } from '../errors/budget-exceeded-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { checkOptions } from '../internal/check-options.js';

/** Limits of a {@link Budget}; omit one to leave it unbounded. */
export interface BudgetLimits {
  /** Total tokens (input + output) the run may use. */
  readonly maxTokens?: number;
  /** Total US dollars the run may spend. */
  readonly maxCostUsd?: number;
}

/** What has been used so far. */
export interface UsageTotals {
  /** Calls that finished and were charged. */
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /**
   * Dollars, at the prices of the budget's wrappers (0 for unpriced models under a token budget).
   * Counted in whole nano-dollars ($0.000000001): each call's cost is rounded up to one.
   */
  readonly costUsd: number;
}

/** A reserved worst case; settle it with `commit` or give it back with `cancel`. */
export interface Reservation {
  /** Charges the actual usage and frees the reservation. */
  commit(actual: { inputTokens: number; outputTokens: number; costUsd: number }): void;
  /** Frees the reservation without charging (the call failed). */
  cancel(): void;
}

/** A spending limit shared by every model wrapped with it, safe for concurrent calls. */
export interface Budget {
  /** The limits. */
  readonly limits: BudgetLimits;
  /** What finished calls used. */
  readonly spent: UsageTotals;
  /** Worst cases of calls in flight. */
  readonly reserved: { readonly tokens: number; readonly costUsd: number };
  /**
   * Reserves a call's worst case, or throws `BudgetExceededError` when spent + reserved + this
   * estimate would pass a limit. `detail` explains the estimate in the error message.
   */
  reserve(estimate: { tokens: number; costUsd: number }, detail?: string): Reservation;
}

/**
 * Creates a budget. Calls reserve their worst case before they are sent, so concurrent calls cannot
 * overshoot together; the actual usage replaces the reservation when each call ends.
 *
 * @example
 * ```ts
 * const budget = createBudget({ maxCostUsd: 5 });
 * const model = withBudget(createOpenAI({ model: 'gpt-4o-mini' }), { budget });
 * // ... later
 * console.log(budget.spent.costUsd);
 * ```
 */
export function createBudget(limits: BudgetLimits): Budget {
  checkOptions('createBudget', limits, ['maxTokens', 'maxCostUsd']);
  for (const [name, value] of [
    ['maxTokens', limits.maxTokens],
    ['maxCostUsd', limits.maxCostUsd],
  ] as const) {
    if (value !== undefined && !(typeof value === 'number' && value >= 0)) {
      throw new ConfigurationError({
        message: `Budget ${name} must be a number >= 0; got ${String(value)}.`,
      });
    }
  }
  if (limits.maxTokens === undefined && limits.maxCostUsd === undefined) {
    throw new ConfigurationError({
      message:
        'A budget needs maxTokens, maxCostUsd, or both (e.g. createBudget({ maxCostUsd: 5 })).',
    });
  }
  const frozenLimits: BudgetLimits = Object.freeze({ ...limits });
  const limitNanoUsd =
    limits.maxCostUsd === undefined ? undefined : Math.round(limits.maxCostUsd * 1_000_000_000);
  // Dollars are counted in whole nano-dollars (integers below 2^53, i.e. up to $9 million), so that
  // adding and removing reservations is exact: `reserved.costUsd` returns to exactly 0 when every
  // call has settled. A price of up to three decimals per million tokens is a whole number of
  // nano-dollars per token, so list prices are counted without rounding.
  const spent = { calls: 0, inputTokens: 0, outputTokens: 0, nanoUsd: 0 };
  const reserved = { tokens: 0, nanoUsd: 0 };

  const check = (
    unit: BudgetUnit,
    limit: number | undefined,
    used: number,
    estimate: number,
    detail: string,
  ) => {
    if (limit === undefined || used + estimate <= limit) return;
    const toUnit = (value: number) => (unit === 'usd' ? value / 1_000_000_000 : value);
    const format = (value: number) =>
      unit === 'usd' ? `$${toUnit(value).toFixed(4)}` : `${Math.ceil(value)} tokens`;
    throw new BudgetExceededError({
      unit,
      limit: unit === 'usd' ? (limits.maxCostUsd as number) : limit,
      spent: toUnit(used),
      estimate: toUnit(estimate),
      message: `Budget exceeded, call not sent: it may use up to ${format(estimate)}${detail ? ` (${detail})` : ''}, but only ${format(Math.max(0, limit - used))} of the ${format(limit)} budget remain (${format(used)} spent or in flight). Raise the budget, lower the request's maxTokens, or end the run.`,
    });
  };

  return {
    limits: frozenLimits,
    get spent() {
      return {
        calls: spent.calls,
        inputTokens: spent.inputTokens,
        outputTokens: spent.outputTokens,
        costUsd: spent.nanoUsd / 1_000_000_000,
      };
    },
    get reserved() {
      return { tokens: reserved.tokens, costUsd: reserved.nanoUsd / 1_000_000_000 };
    },
    reserve(estimate, detail = '') {
      const tokens = countOf(estimate.tokens, 'estimate.tokens');
      const nanoUsd = nanoUsdOf(countOf(estimate.costUsd, 'estimate.costUsd'));
      const usedTokens = spent.inputTokens + spent.outputTokens + reserved.tokens;
      check('tokens', limits.maxTokens, usedTokens, tokens, detail);
      check('usd', limitNanoUsd, spent.nanoUsd + reserved.nanoUsd, nanoUsd, detail);
      reserved.tokens += tokens;
      reserved.nanoUsd += nanoUsd;
      let settled = false;
      const free = () => {
        settled = true;
        reserved.tokens -= tokens;
        reserved.nanoUsd -= nanoUsd;
      };
      return {
        commit(actual) {
          if (settled) return;
          free();
          spent.calls += 1;
          // A provider that reports nonsense (NaN, negative) is charged the reserved worst case.
          const input = usable(actual.inputTokens) ? actual.inputTokens : tokens;
          const output = usable(actual.outputTokens) ? actual.outputTokens : 0;
          spent.inputTokens += input;
          spent.outputTokens += output;
          spent.nanoUsd += usable(actual.costUsd) ? nanoUsdOf(actual.costUsd) : nanoUsd;
        },
        cancel() {
          if (!settled) free();
        },
      };
    },
  };
}

/** Dollars as whole nano-dollars, rounded up (a budget never under-counts by rounding). */
export function nanoUsdOf(usd: number): number {
  // The small tolerance keeps float noise (3e-9 * 1e9 = 3.0000000000000004) from adding one.
  return Math.max(0, Math.ceil(usd * 1_000_000_000 - 1e-4));
}

function usable(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function countOf(value: number, name: string): number {
  if (!usable(value)) {
    throw new ConfigurationError({
      message: `Budget.reserve: ${name} must be a finite number >= 0; got ${String(value)}.`,
    });
  }
  return value;
}
