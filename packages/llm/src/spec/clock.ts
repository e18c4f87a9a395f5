import { AbortedError } from '../errors/aborted-error.js';
import { onAbort } from '../internal/abort-signal.js';
import { maxTimerMs } from '../internal/timeout-ms.js';

/**
 * Time as the wrappers see it. Injectable so that tests of retries and rate limits run instantly
 * (see `createFakeClock` in `@trace/llm/test`).
 */
export interface Clock {
  /** Milliseconds on a monotonic scale (only differences matter). */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with an `AbortedError` when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * The real clock: `performance.now()` and `setTimeout`. A sleep longer than a Node timer can hold
 * (2^31 - 1 ms) is made of several timers, and `Infinity` sleeps until the signal aborts.
 */
export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(new AbortedError({ cause: signal.reason }));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const unsubscribe = onAbort(signal, () => {
        clearTimeout(timer);
        reject(new AbortedError({ cause: signal?.reason }));
      });
      const deadline = performance.now() + Math.max(0, ms);
      const arm = () => {
        const left = deadline - performance.now();
        if (left <= 0) {
          unsubscribe();
          resolve();
          return;
        }
        if (left === Number.POSITIVE_INFINITY) return; // only an abort ends it
        timer = setTimeout(arm, Math.min(left, maxTimerMs));
      };
      if (ms > 0) arm();
      else {
        timer = setTimeout(() => {
          unsubscribe();
          resolve();
        }, 0);
      }
    }),
};
