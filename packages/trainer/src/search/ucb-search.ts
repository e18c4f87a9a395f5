import { TrainerError } from '../errors.js';
import type { ParameterValue } from '../run-directory/schemas.js';
import type { Search, SearchContext, SearchState, SearchStepResult } from './search.js';

/** Options of {@link ucbSearch}. */
export interface UcbSearchOptions {
  /** Candidates kept in the pool (default 8); the lowest mean is dropped beyond it. */
  readonly poolSize?: number;
  /** Exploration weight of the UCB bonus (default 1). */
  readonly exploration?: number;
  /** Examples per minibatch score (default 4). */
  readonly sampleSize?: number;
}

interface PoolEntry {
  parameters: ParameterValue[];
  optimizerState: unknown;
  total: number;
  count: number;
}

/**
 * UCB search over a pool of candidates scored on minibatches. Each step picks the candidate with the
 * highest upper confidence bound (mean + exploration * sqrt(ln N / n)), scores it again on a fresh
 * minibatch (sharpening its mean), expands it (forward and backward on the step's batch, one
 * proposal applied), scores the child on a minibatch and adds it to the pool. The optimizer then holds
 * the candidate with the best mean. The pool is saved in checkpoints.
 *
 * @example
 * await train({ ..., optimizer, search: ucbSearch({ poolSize: 10, sampleSize: 5 }) });
 */
export function ucbSearch(options: UcbSearchOptions = {}): Search {
  const poolSize = options.poolSize ?? 8;
  const exploration = options.exploration ?? 1;
  const sampleSize = options.sampleSize ?? 4;
  if (!Number.isInteger(poolSize) || poolSize < 2) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `ucbSearch poolSize must be a whole number >= 2; got ${String(poolSize)}.`,
    );
  }
  let pool: PoolEntry[] = [];
  const mean = (entry: PoolEntry) => entry.total / entry.count;
  return {
    name: `ucb-${poolSize}`,
    async step(context: SearchContext): Promise<SearchStepResult> {
      const signal = context.signal ? { signal: context.signal } : {};
      if (pool.length === 0) {
        const start = context.capture();
        pool.push({ ...start, total: await context.score(sampleSize), count: 1 });
      }
      const draws = pool.reduce((sum, entry) => sum + entry.count, 0);
      let chosen = pool[0]!;
      let bound = Number.NEGATIVE_INFINITY;
      for (const entry of pool) {
        const value = mean(entry) + exploration * Math.sqrt(Math.log(draws + 1) / entry.count);
        if (value > bound) {
          bound = value;
          chosen = entry;
        }
      }
      const parent: SearchState = {
        parameters: chosen.parameters,
        optimizerState: chosen.optimizerState,
      };
      context.restore(parent);
      chosen.total += await context.score(sampleSize);
      chosen.count += 1;
      await context.forwardBackward();
      const proposal = await context.optimizer.propose(signal);
      const record = await context.optimizer.apply(proposal);
      const child = context.capture();
      const childScore = await context.score(sampleSize);
      pool.push({ ...child, total: childScore, count: 1 });
      if (pool.length > poolSize) {
        const worst = pool.reduce((lowest, entry) => (mean(entry) < mean(lowest) ? entry : lowest));
        pool = pool.filter((entry) => entry !== worst);
      }
      const best = pool.reduce((top, entry) => (mean(entry) > mean(top) ? entry : top));
      context.restore({ parameters: best.parameters, optimizerState: best.optimizerState });
      const kept = pool.some((entry) => entry.parameters === child.parameters);
      const isBest = best.parameters === child.parameters;
      return {
        proposals: [
          {
            record,
            score: childScore,
            accepted: isBest,
            ...(isBest
              ? {}
              : {
                  reason: kept
                    ? `added to the pool (mean ${childScore}); the best mean is ${mean(best)}`
                    : 'dropped from the pool: lowest mean',
                }),
          },
        ],
        applied: true,
      };
    },
    exportState() {
      // A copy: the pool's means change in place during a step that may be rolled back.
      return {
        kind: 'ucb',
        pool: pool.map((entry) => ({
          ...entry,
          parameters: entry.parameters.map((value) => ({ ...value })),
        })),
      };
    },
    loadState(state: unknown) {
      const candidate = state as { kind?: unknown; pool?: unknown };
      if (candidate?.kind !== 'ucb' || !Array.isArray(candidate.pool)) {
        throw new TrainerError(
          'CHECKPOINT',
          "The checkpoint's search state is not a UCB pool; resume with the same search.",
        );
      }
      pool = (candidate.pool as PoolEntry[]).map((entry) => ({
        ...entry,
        parameters: [...entry.parameters],
      }));
    },
  };
}
