import {
  bestCall,
  checkIntegerBox,
  checkPointInBox,
  evaluatePoint,
  type IntegerBox,
  type SearchCall,
  type SearchResult,
} from './integer-box.js';
import { createUniformRandom } from './seeded-random.js';

/** Options of {@link particleSwarmMinimize}. */
export interface ParticleSwarmOptions {
  /** The integer domain, e.g. `[[15, 90], [15, 90]]`. */
  readonly box: IntegerBox;
  /** Number of particles (the paper: 5). */
  readonly particles: number;
  /** Iterations; each evaluates every particle once (the paper: 10, so 50 calls). */
  readonly iterations: number;
  /** Cognitive weight (the paper: 0.5). */
  readonly c1: number;
  /** Social weight (the paper: 0.3). */
  readonly c2: number;
  /** Inertia (the paper: 1.9). */
  readonly inertia: number;
  /** Where the first particle starts (the paper: [15, 15]); the others start uniformly at random. */
  readonly start?: readonly number[];
  /** Seeds positions, velocities and the r1/r2 draws. */
  readonly seed: number;
}

/**
 * Particle-swarm minimization on an integer box, as the paper's PSO baseline. Positions are continuous
 * on the torus [low, high + 1) of each dimension (periodic boundaries: a particle leaving one side
 * enters from the other) and are evaluated at their integer floor. Iteration 1 evaluates the initial
 * positions; each later iteration first moves every particle:
 * v ← w·v + c1·r1·(personal best − x) + c2·r2·(swarm best − x), x ← wrap(x + v), with r1, r2 uniform
 * per dimension, then evaluates it. Initial velocities are uniform in ±half the width of each
 * dimension. Deterministic per seed. Lower values are better.
 *
 * @example
 * await particleSwarmMinimize(objective, {
 *   box: [[15, 90], [15, 90]], particles: 5, iterations: 10, c1: 0.5, c2: 0.3, inertia: 1.9,
 *   start: [15, 15], seed: 42,
 * });
 */
export async function particleSwarmMinimize(
  objective: (point: readonly number[]) => number | Promise<number>,
  options: ParticleSwarmOptions,
): Promise<SearchResult> {
  const { box, particles, iterations, c1, c2, inertia, start, seed } = options;
  checkIntegerBox(box);
  for (const [name, value] of [
    ['particles', particles],
    ['iterations', iterations],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer; got ${String(value)}.`);
    }
  }
  for (const [name, value] of [
    ['c1', c1],
    ['c2', c2],
    ['inertia', inertia],
  ] as const) {
    if (!Number.isFinite(value))
      throw new RangeError(`${name} must be a finite number; got ${String(value)}.`);
  }
  if (start !== undefined) checkPointInBox(start, box, 'start');
  const random = createUniformRandom(seed);
  const widths = box.map(([low, high]) => high - low + 1);
  const positions = Array.from({ length: particles }, (_, p) =>
    p === 0 && start !== undefined
      ? [...start]
      : box.map(([low], d) => low + random.next() * widths[d]!),
  );
  const velocities = positions.map(() => widths.map((width) => (random.next() - 0.5) * width));
  const personalBest: { point: number[]; value: number }[] = [];
  let swarmBest: { point: number[]; value: number } | undefined;
  const calls: SearchCall[] = [];
  for (let iteration = 1; iteration <= iterations; iteration += 1) {
    for (let p = 0; p < particles; p += 1) {
      const position = positions[p]!;
      if (iteration > 1) {
        const velocity = velocities[p]!;
        const own = personalBest[p]!.point;
        const swarm = swarmBest!.point;
        for (let d = 0; d < box.length; d += 1) {
          velocity[d] =
            inertia * velocity[d]! +
            c1 * random.next() * (own[d]! - position[d]!) +
            c2 * random.next() * (swarm[d]! - position[d]!);
          position[d] = wrap(position[d]! + velocity[d]!, box[d]![0], widths[d]!);
        }
      }
      const point = position.map((value) => Math.floor(value));
      const value = await evaluatePoint(objective, point);
      calls.push({ point, value, origin: `iteration ${iteration}` });
      if (personalBest[p] === undefined || value < personalBest[p]!.value) {
        personalBest[p] = { point: [...position], value };
      }
      if (swarmBest === undefined || value < swarmBest.value) {
        swarmBest = { point: [...position], value };
      }
    }
  }
  const best = bestCall(calls);
  return { best: best.point, bestValue: best.value, calls };
}

function wrap(value: number, low: number, width: number): number {
  if (!Number.isFinite(value)) return low;
  const offset = (((value - low) % width) + width) % width;
  return low + offset;
}
