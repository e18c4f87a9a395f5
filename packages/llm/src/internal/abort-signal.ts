import { AbortedError } from '../errors/aborted-error.js';

/** Throws an `AbortedError` when `signal` has already aborted. Call before every send and after every wait. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortedError({ cause: signal.reason });
}

const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts, and returns a function that unsubscribes it. However many
 * calls share one signal (100 concurrent calls with the run's signal, each through several wrappers),
 * the signal carries a single listener that fans out to them, so Node never prints
 * `MaxListenersExceededWarning`; unsubscribing is O(1). A signal that has already aborted never fires
 * `abort` again: check `signal.aborted` (or {@link throwIfAborted}) first.
 */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (signal === undefined || signal.aborted) return noop;
  let callbacks = subscribers.get(signal);
  if (callbacks === undefined) {
    const created = new Set<() => void>();
    callbacks = created;
    subscribers.set(signal, created);
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        for (const each of [...created]) each();
      },
      { once: true },
    );
  }
  const set = callbacks;
  let active = true;
  const wrapped = () => {
    if (!active) return;
    active = false;
    callback();
  };
  set.add(wrapped);
  return () => {
    active = false;
    set.delete(wrapped);
  };
}

function noop(): void {}
