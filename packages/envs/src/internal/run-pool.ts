import { setMaxListeners } from 'node:events';

/** Options of {@link runPool}. */
export interface RunPoolOptions {
  /** Up to this many tasks run at once (a positive integer, checked by the caller). */
  readonly concurrency: number;
  /** Stops the pool: no task starts after it fires, and the pool rejects with `abortError()`. */
  readonly signal?: AbortSignal | undefined;
  /** The error the pool rejects with when `signal` fires (the caller's own error class). */
  readonly abortError: (reason: unknown) => Error;
}

/**
 * Runs `task` over `items` with at most `concurrency` in flight and returns the results in item
 * order. The first task that throws stops the pool: no further task starts, the signal passed to
 * the running tasks is aborted (with that error as its reason) so they can cancel, and the pool
 * rejects with that error at once. An abort of `options.signal` does the same with
 * `abortError(reason)`. Results of tasks still running after the pool settled are dropped.
 */
export function runPool<T, R>(
  items: readonly T[],
  task: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  options: RunPoolOptions,
): Promise<R[]> {
  const { signal, concurrency } = options;
  if (signal?.aborted) return Promise.reject(options.abortError(signal.reason));
  if (items.length === 0) return Promise.resolve([]);
  return new Promise<R[]>((resolve, reject) => {
    const controller = new AbortController();
    // Every running task may listen to the shared signal once or twice.
    setMaxListeners(Math.max(10, 2 * concurrency + 10), controller.signal);
    const results = new Array<R>(items.length);
    let next = 0;
    let running = 0;
    let settled = false;
    const onAbort = () => stop(options.abortError(signal?.reason));
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      controller.abort(error);
      reject(error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const launch = () => {
      while (!settled && running < concurrency && next < items.length) {
        const index = next;
        next += 1;
        running += 1;
        let pending: Promise<R>;
        try {
          pending = Promise.resolve(task(items[index] as T, index, controller.signal));
        } catch (error) {
          pending = Promise.reject(error);
        }
        pending.then(
          (value) => {
            running -= 1;
            if (settled) return;
            results[index] = value;
            if (next >= items.length && running === 0) {
              settled = true;
              signal?.removeEventListener('abort', onAbort);
              resolve(results);
            } else {
              launch();
            }
          },
          (error: unknown) => {
            running -= 1;
            stop(error);
          },
        );
      }
    };
    launch();
  });
}
