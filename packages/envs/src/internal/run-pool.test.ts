import { describe, expect, it } from 'vitest';
import { runPool } from './run-pool.js';

const abortError = (reason: unknown) => new Error(`aborted: ${String(reason)}`);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runPool', () => {
  it('returns results in item order with at most `concurrency` tasks in flight', async () => {
    let running = 0;
    let peak = 0;
    const results = await runPool(
      Array.from({ length: 20 }, (_, index) => index),
      async (item) => {
        running += 1;
        peak = Math.max(peak, running);
        await tick((item * 7) % 5);
        running -= 1;
        return item * 2;
      },
      { concurrency: 3, abortError },
    );
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
    expect(peak).toBe(3);
    expect(await runPool([], async () => 1, { concurrency: 2, abortError })).toEqual([]);
  });

  it('starts nothing after the first failure, a synchronous throw included, and aborts the rest', async () => {
    for (const synchronous of [false, true]) {
      const started: number[] = [];
      const cancelled: number[] = [];
      const pool = runPool(
        Array.from({ length: 50 }, (_, index) => index),
        (item, _index, signal) => {
          started.push(item);
          if (item === 5) {
            if (synchronous) throw new Error('boom 5');
            return Promise.reject(new Error('boom 5'));
          }
          signal.addEventListener('abort', () => cancelled.push(item));
          return tick(2).then(() => item);
        },
        { concurrency: 4, abortError },
      );
      await expect(pool).rejects.toThrow('boom 5');
      const atRejection = started.length;
      await tick(20);
      expect(started.length).toBe(atRejection);
      expect(Math.max(...started)).toBeLessThanOrEqual(5 + 3);
      expect(cancelled.length).toBeGreaterThan(0);
    }
  });

  it('honours a signal aborted before the call or during it', async () => {
    let calls = 0;
    const task = async () => {
      calls += 1;
      await tick(1);
    };
    await expect(
      runPool([1, 2], task, { concurrency: 1, signal: AbortSignal.abort('early'), abortError }),
    ).rejects.toThrow('aborted: early');
    expect(calls).toBe(0);
    const controller = new AbortController();
    const pool = runPool(
      Array.from({ length: 100 }, (_, index) => index),
      task,
      {
        concurrency: 2,
        signal: controller.signal,
        abortError,
      },
    );
    await tick(5);
    controller.abort('late');
    await expect(pool).rejects.toThrow('aborted: late');
    const atAbort = calls;
    await tick(10);
    expect(calls).toBe(atAbort);
    expect(calls).toBeLessThan(100);
  });
});
