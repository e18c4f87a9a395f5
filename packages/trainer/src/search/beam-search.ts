import { TrainerError } from '../errors.js';
import type {
  ConsideredProposal,
  Search,
  SearchContext,
  SearchState,
  SearchStepResult,
} from './search.js';

/** Options of {@link beamSearch}. */
export interface BeamSearchOptions {
  /** Candidates kept at each level (default 2). */
  readonly width?: number;
  /** Levels of expansion per training step (default 2). */
  readonly depth?: number;
  /** Proposals made from each kept candidate (default `width`). */
  readonly branching?: number;
  /** Score on this many examples drawn from the scoring set instead of all of it. */
  readonly sampleSize?: number;
}

interface Candidate {
  readonly state: SearchState;
  readonly score: number;
}

const positive = (name: string, value: number) => {
  if (!Number.isInteger(value) || value < 1) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `beamSearch ${name} must be a whole number >= 1; got ${String(value)}.`,
    );
  }
  return value;
};

/**
 * Beam search over proposals: from the current parameters, each level expands every kept candidate
 * (forward and backward on the step's batch with its parameters, then `branching` proposals, each
 * applied and scored) and keeps the `width` best of the candidates and their children. After `depth`
 * levels the best candidate becomes the optimizer's state (parameters and optimizer memory), or the
 * current one is kept when nothing beat it.
 *
 * @example
 * await train({ ..., optimizer, search: beamSearch({ width: 3, depth: 2 }) });
 */
export function beamSearch(options: BeamSearchOptions = {}): Search {
  const width = positive('width', options.width ?? 2);
  const depth = positive('depth', options.depth ?? 2);
  const branching = positive('branching', options.branching ?? width);
  return {
    name: `beam-${width}x${depth}`,
    async step(context: SearchContext): Promise<SearchStepResult> {
      const signal = context.signal ? { signal: context.signal } : {};
      const root: Candidate = {
        state: context.capture(),
        score: await context.score(options.sampleSize),
      };
      let beam: Candidate[] = [root];
      const considered: { record: unknown; score: number; candidate: Candidate }[] = [];
      for (let level = 0; level < depth; level += 1) {
        const children: Candidate[] = [];
        for (const parent of beam) {
          context.restore(parent.state);
          await context.forwardBackward();
          const base = context.capture();
          for (let branch = 0; branch < branching; branch += 1) {
            context.restore(base);
            const proposal = await context.optimizer.propose(signal);
            const record = await context.optimizer.apply(proposal);
            const child: Candidate = {
              state: context.capture(),
              score: await context.score(options.sampleSize),
            };
            children.push(child);
            considered.push({ record, score: child.score, candidate: child });
          }
        }
        // Stable sort: ties keep the earlier candidate (parents before their children).
        beam = [...beam, ...children].sort((a, b) => b.score - a.score).slice(0, width);
      }
      const best = beam[0]!;
      context.restore(best.state);
      const proposals: ConsideredProposal[] = considered.map((entry) => ({
        record: entry.record,
        score: entry.score,
        accepted: entry.candidate === best,
        ...(entry.candidate === best
          ? {}
          : { reason: `scored ${entry.score}; the beam's best scored ${best.score}` }),
      }));
      return { proposals, applied: best !== root };
    },
  };
}
