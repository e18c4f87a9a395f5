import { TrainerError } from '../errors.js';
import type { ConsideredProposal, Search, SearchContext, SearchStepResult } from './search.js';

/** Options of {@link bestOfN}. */
export interface BestOfNOptions {
  /** Proposals per step (at least 1). */
  readonly n: number;
  /** Keep the parameters when no proposal scores above them (default false: apply the best proposal). */
  readonly requireImprovement?: boolean;
  /** Score on this many examples drawn from the scoring set instead of all of it. */
  readonly sampleSize?: number;
}

/**
 * Best-of-n: asks the optimizer for `n` proposals from the same feedback, scores each (on the
 * validation set, or the batch without one) and applies the best. Ties keep the earlier proposal.
 *
 * @example
 * await train({ ..., optimizer, search: bestOfN({ n: 4 }) });
 */
export function bestOfN(options: BestOfNOptions): Search {
  if (!Number.isInteger(options.n) || options.n < 1) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `bestOfN needs n >= 1 (a whole number); got ${String(options.n)}.`,
    );
  }
  return {
    name: `best-of-${options.n}`,
    async step(context: SearchContext): Promise<SearchStepResult> {
      const start = context.capture();
      const baseline = options.requireImprovement
        ? await context.score(options.sampleSize)
        : undefined;
      const scored: {
        proposal: Awaited<ReturnType<SearchContext['optimizer']['propose']>>;
        score: number;
      }[] = [];
      for (let index = 0; index < options.n; index += 1) {
        context.restore(start);
        const proposal = await context.optimizer.propose(
          context.signal ? { signal: context.signal } : {},
        );
        for (const [parameter, value] of proposal.values) parameter.data = value;
        scored.push({ proposal, score: await context.score(options.sampleSize) });
      }
      context.restore(start);
      let best = 0;
      scored.forEach((entry, index) => {
        if (entry.score > scored[best]!.score) best = index;
      });
      const winner = scored[best]!;
      const apply = baseline === undefined || winner.score > baseline;
      if (apply) await context.optimizer.apply(winner.proposal);
      const proposals: ConsideredProposal[] = scored.map((entry, index) => ({
        record: entry.proposal.record,
        score: entry.score,
        accepted: apply && index === best,
        ...(apply && index === best
          ? {}
          : {
              reason: apply
                ? `scored ${entry.score}, below the best ${winner.score}`
                : `no proposal beat the current score ${baseline}`,
            }),
      }));
      return { proposals, applied: apply };
    },
  };
}
