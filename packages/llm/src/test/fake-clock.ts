import { AbortedError } from '../errors/aborted-error.js';
import { onAbort } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import type { Clock } from '../spec/clock.js';

/** A {@link Clock} whose time only moves when told to, and which records every sleep. */
export interface FakeClock extends Clock {
  /** Every duration passed to `sleep`, in call order. Assert retry waits on it. */
  readonly sleeps: number[];
  /** Moves time forward by `ms`, waking sleepers whose deadline passes, earliest first. */
  advance(ms: number): Promise<void>;
  /** Number of sleeps not yet woken. */
  readonly pendingSleeps: number;
}

interface Sleeper {
  readonly deadline: number;
  readonly resolve: () => void;
}

/**
 * Creates a fake clock starting at `start` (default 0). With `autoAdvance: true` (the default) every
 * `sleep` resolves at once and moves time to its deadline, so code that waits (retry backoff, rate
 * limits) runs instantly while `sleeps` and `now()` still show what it waited. With
 * `autoAdvance: false`, sleeps resolve only when `advance` passes their deadline.
 *
 * @example
 * ```ts
 * const clock = createFakeClock();
 * const model = withRetry(flaky, { clock });
 * await complete(model, 'hi');
 * expect(clock.sleeps).toEqual([1000, 2000]);
 * ```
 */
export function createFakeClock(
  options: { start?: number; autoAdvance?: boolean } = {},
): FakeClock {
  checkOptions('createFakeClock', options, ['start', 'autoAdvance']);
  let time = options.start ?? 0;
  const autoAdvance = options.autoAdvance ?? true;
  const sleeps: number[] = [];
  let sleepers: Sleeper[] = [];

  const clock: FakeClock = {
    sleeps,
    now: () => time,
    get pendingSleeps() {
      return sleepers.length;
    },
    sleep(ms, signal) {
      sleeps.push(ms);
      if (signal?.aborted) return Promise.reject(new AbortedError({ cause: signal.reason }));
      if (autoAdvance) {
        time = Math.max(time, time + ms);
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        const sleeper: Sleeper = {
          deadline: time + Math.max(0, ms),
          resolve: () => {
            unsubscribe();
            resolve();
          },
        };
        const unsubscribe = onAbort(signal, () => {
          sleepers = sleepers.filter((other) => other !== sleeper);
          reject(new AbortedError({ cause: signal?.reason }));
        });
        sleepers.push(sleeper);
      });
    },
    async advance(ms) {
      const target = time + ms;
      for (;;) {
        const due = sleepers
          .filter((sleeper) => sleeper.deadline <= target)
          .sort((a, b) => a.deadline - b.deadline)[0];
        if (due === undefined) break;
        sleepers = sleepers.filter((sleeper) => sleeper !== due);
        time = Math.max(time, due.deadline);
        due.resolve();
        // Let the woken code run (and perhaps sleep again) before the next deadline.
        for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
      }
      time = target;
    },
  };
  return clock;
}
