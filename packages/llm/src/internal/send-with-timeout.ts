import { TimeoutError } from '../errors/timeout-error.js';
import { onAbort, throwIfAborted } from './abort-signal.js';
import { mapSdkError, type SdkErrorClasses } from './map-sdk-error.js';

/** Default deadline of one provider HTTP attempt, in milliseconds. */
export const defaultTimeoutMs = 120_000;

/** One SDK call with a deadline, the caller's signal, latency measurement and error mapping. */
export interface TimedSend<T> {
  readonly provider: string;
  /** Milliseconds (already checked by `checkTimeoutMs`); `Infinity` for no deadline. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly errorClasses: SdkErrorClasses;
  /** Sends the request; must honour `signal`. */
  send(signal: AbortSignal): Promise<T>;
}

/**
 * Runs `send` under an abort signal that fires when the caller aborts or when `timeoutMs` passes
 * (covering the whole exchange, body included, unlike the SDKs' own timeout which stops at the
 * headers). A signal that aborted before the call sends nothing. Errors come back typed (see
 * `mapSdkError`).
 */
export async function sendWithTimeout<T>(
  call: TimedSend<T>,
): Promise<{ value: T; latencyMs: number }> {
  throwIfAborted(call.signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = Number.isFinite(call.timeoutMs)
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new TimeoutError({ timeoutMs: call.timeoutMs }));
      }, call.timeoutMs)
    : undefined;
  const unsubscribe = onAbort(call.signal, () => controller.abort(call.signal?.reason));
  const started = performance.now();
  try {
    const value = await call.send(controller.signal);
    return { value, latencyMs: performance.now() - started };
  } catch (error) {
    if (timedOut) throw new TimeoutError({ timeoutMs: call.timeoutMs, cause: error });
    throw mapSdkError(error, call.errorClasses, call);
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}
