import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { complete } from '../spec/complete.js';
import { MockLLM } from '../test/mock-llm.js';
import { createBudget } from './budget.js';
import { withBudget } from './with-budget.js';

describe('budget accounting', () => {
  it('reserved.costUsd returns to exactly 0 after many concurrent calls settle', async () => {
    const budget = createBudget({ maxCostUsd: 100 });
    const model = withBudget(
      new MockLLM({
        responses: (_request, index) =>
          index % 7 === 0
            ? new Error('fails')
            : { text: 'ok', usage: { inputTokens: 13, outputTokens: 7 } },
        latencyMs: (_request, index) => index % 5,
      }),
      { budget, prices: { 'mock-model': { inputPerMillion: 0.15, outputPerMillion: 0.6 } } },
    );
    await Promise.allSettled(
      Array.from({ length: 300 }, (_, index) =>
        complete(model, {
          messages: [{ role: 'user', content: `question ${index} ${'x'.repeat(index)}` }],
          maxTokens: 3 + (index % 11),
        }),
      ),
    );
    expect(budget.reserved).toEqual({ tokens: 0, costUsd: 0 });
    expect(Object.is(budget.reserved.costUsd, 0)).toBe(true);
    // 300 calls, 43 failed (index % 7 === 0); each success costs 13 * 0.15 + 7 * 0.6 micro-dollars.
    expect(budget.spent.calls).toBe(257);
    expect(budget.spent.costUsd).toBe((257 * (13 * 150 + 7 * 600)) / 1e9);
  });

  it('refuses a dollar limit it cannot honour exactly at the boundary, and allows exactly the limit', () => {
    const budget = createBudget({ maxCostUsd: 0.3 });
    const first = budget.reserve({ tokens: 1, costUsd: 0.1 });
    const second = budget.reserve({ tokens: 1, costUsd: 0.2 }); // 0.1 + 0.2 is 0.30000000000000004 in floats
    first.commit({ inputTokens: 1, outputTokens: 0, costUsd: 0.1 });
    second.commit({ inputTokens: 1, outputTokens: 0, costUsd: 0.2 });
    expect(budget.spent.costUsd).toBe(0.3);
    expect(() => budget.reserve({ tokens: 1, costUsd: 1e-9 })).toThrow(/Budget exceeded/);
  });

  it('charges the reserved worst case when a provider reports nonsense usage', () => {
    const budget = createBudget({ maxTokens: 100 });
    budget
      .reserve({ tokens: 40, costUsd: 0 })
      .commit({ inputTokens: Number.NaN, outputTokens: -3, costUsd: Number.NaN });
    expect(budget.spent).toMatchObject({ inputTokens: 40, outputTokens: 0, costUsd: 0 });
    expect(() => budget.reserve({ tokens: Number.NaN, costUsd: 0 })).toThrow(ConfigurationError);
  });

  it('createBudget and withBudget refuse options they do not know', () => {
    expect(() => createBudget({ maxCostUsd: 5, prices: {} } as never)).toThrow(
      /createBudget: unknown option "prices"/,
    );
    expect(() => withBudget(new MockLLM(), { maxTokens: 5, maxCost: 1 } as never)).toThrow(
      /withBudget: unknown option "maxCost"/,
    );
    const budget = createBudget({ maxTokens: 5 });
    expect(() => withBudget(new MockLLM(), { budget, maxTokens: 9 } as never)).toThrow(/not both/);
    expect(() => withBudget(new MockLLM(), { maxTokens: 5, assumedOutputTokens: -1 })).toThrow(
      /assumedOutputTokens/,
    );
    expect(() => createBudget(null as never)).toThrow(/options must be an object/);
  });
});
