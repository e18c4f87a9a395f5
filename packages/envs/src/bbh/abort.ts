import { BbhError } from './bbh-error.js';

/** The error a BBH call rejects with when its AbortSignal fires; the signal's reason is the cause. */
export function bbhAbortedError(reason: unknown): BbhError {
  return new BbhError('ABORTED', 'Stopped by its AbortSignal; no further model call was started.', {
    cause: reason,
  });
}

/** Throws {@link bbhAbortedError} when `signal` has fired. */
export function throwIfBbhAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw bbhAbortedError(signal.reason);
}

/** Checks that `signal`, when given, is an AbortSignal. */
export function checkBbhSignal(signal: unknown): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  throw new BbhError(
    'INVALID_OPTIONS',
    'signal must be an AbortSignal (e.g. AbortSignal.timeout(ms) or new AbortController().signal).',
  );
}
