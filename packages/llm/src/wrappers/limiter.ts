import { AbortedError } from '../errors/aborted-error.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { onAbort } from '../internal/abort-signal.js';
import { checkOptions } from '../internal/check-options.js';
import { Fifo } from '../internal/fifo.js';
import { type Clock, systemClock } from '../spec/clock.js';

/** Options of {@link createLimiter}. Omit a limit to leave it unbounded. */
export interface LimiterOptions {
  /** Calls in flight at once. */
  readonly maxConcurrency?: number;
  /** Calls started in any sliding 60-second window. */
  readonly requestsPerMinute?: number;
  /** Tokens (estimated at start, corrected when the call ends) in any sliding 60-second window. */
  readonly tokensPerMinute?: number;
  /** Time source; default the real clock. */
  readonly clock?: Clock;
}

/** Permission to send one call; release it when the call ends. */
export interface Permit {
  /** Frees the concurrency slot; `actualTokens` replaces the estimate in the token window. */
  release(actualTokens?: number): void;
}

/** A first-in, first-out gate shared by every call that goes through it. */
export interface Limiter {
  /** Waits for a slot; rejects with `AbortedError` if `signal` aborts while waiting. */
  acquire(estimatedTokens: number, signal?: AbortSignal): Promise<Permit>;
  /** Calls holding a permit. */
  readonly active: number;
  /** Calls waiting for one. */
  readonly waiting: number;
}

interface Waiter {
  readonly tokens: number;
  readonly resolve: (permit: Permit) => void;
  readonly reject: (error: unknown) => void;
  /** Unsubscribes from the signal. */
  unsubscribe: () => void;
  /** Aborted while waiting: skipped when it reaches the head of the queue. */
  cancelled: boolean;
}

interface TokenEntry {
  readonly time: number;
  tokens: number;
  /** False once the entry has left the 60-second window. */
  inWindow: boolean;
}

const windowMs = 60_000;

/**
 * Creates a limiter enforcing a concurrency cap and requests/tokens per minute. Waiters are served in
 * arrival order. Share one limiter between several models that draw on the same account by passing it
 * to `withLimits(model, { limiter })`. A call whose estimate alone exceeds `tokensPerMinute` is refused
 * at once (it could never start). Only what a configured limit needs is tracked (with no per-minute
 * limit, nothing is remembered about a call once it ends), and acquiring, releasing and aborting a
 * wait each take constant time.
 *
 * @example
 * ```ts
 * const limiter = createLimiter({ maxConcurrency: 8, requestsPerMinute: 500, tokensPerMinute: 200_000 });
 * const fast = withLimits(createOpenAI({ model: 'gpt-4o-mini' }), { limiter });
 * const strong = withLimits(createOpenAI({ model: 'gpt-4o' }), { limiter });
 * ```
 */
export function createLimiter(options: LimiterOptions = {}): Limiter {
  checkOptions('createLimiter', options, [
    'maxConcurrency',
    'requestsPerMinute',
    'tokensPerMinute',
    'clock',
  ]);
  const maxConcurrency = checkLimit('maxConcurrency', options.maxConcurrency);
  const requestsPerMinute = checkLimit('requestsPerMinute', options.requestsPerMinute);
  const tokensPerMinute = checkLimit('tokensPerMinute', options.tokensPerMinute);
  const tracksStarts = Number.isFinite(requestsPerMinute);
  const tracksTokens = Number.isFinite(tokensPerMinute);
  const clock = options.clock ?? systemClock;
  const queue = new Fifo<Waiter>();
  let waiting = 0;
  const starts = new Fifo<number>();
  const tokenEntries = new Fifo<TokenEntry>();
  let windowTokens = 0;
  let active = 0;
  let wakeAt = Number.POSITIVE_INFINITY;
  let wakeTimer: AbortController | undefined;

  const prune = (now: number) => {
    while (starts.length > 0 && (starts.peek() as number) <= now - windowMs) starts.shift();
    while (tokenEntries.length > 0 && (tokenEntries.peek() as TokenEntry).time <= now - windowMs) {
      const entry = tokenEntries.shift() as TokenEntry;
      entry.inWindow = false;
      windowTokens -= entry.tokens;
    }
  };

  const scheduleWake = (at: number) => {
    if (at >= wakeAt) return;
    wakeTimer?.abort();
    const controller = new AbortController();
    wakeTimer = controller;
    wakeAt = at;
    clock.sleep(Math.max(0, at - clock.now()), controller.signal).then(
      () => {
        if (wakeTimer !== controller) return;
        wakeTimer = undefined;
        wakeAt = Number.POSITIVE_INFINITY;
        pump();
      },
      () => {},
    );
  };

  const grant = (waiter: Waiter, now: number): Permit => {
    active += 1;
    if (tracksStarts) starts.push(now);
    let entry: TokenEntry | undefined;
    if (tracksTokens) {
      entry = { time: now, tokens: waiter.tokens, inWindow: true };
      tokenEntries.push(entry);
      windowTokens += entry.tokens;
    }
    let released = false;
    return {
      release(actualTokens) {
        if (released) return;
        released = true;
        active -= 1;
        if (entry?.inWindow && typeof actualTokens === 'number' && actualTokens >= 0) {
          windowTokens += actualTokens - entry.tokens;
          entry.tokens = actualTokens;
        }
        pump();
      },
    };
  };

  const pump = () => {
    while (queue.length > 0) {
      const head = queue.peek() as Waiter;
      if (head.cancelled) {
        queue.shift();
        continue;
      }
      if (active >= maxConcurrency) return;
      const now = clock.now();
      prune(now);
      if (starts.length >= requestsPerMinute) {
        scheduleWake((starts.peek() as number) + windowMs);
        return;
      }
      if (windowTokens + head.tokens > tokensPerMinute && tokenEntries.length > 0) {
        scheduleWake(earliestRelief(head.tokens));
        return;
      }
      queue.shift();
      waiting -= 1;
      head.unsubscribe();
      head.resolve(grant(head, now));
    }
    if (wakeTimer !== undefined) {
      wakeTimer.abort();
      wakeTimer = undefined;
      wakeAt = Number.POSITIVE_INFINITY;
    }
  };

  /** When enough old entries leave the window for `tokens` to fit. */
  const earliestRelief = (tokens: number): number => {
    let remaining = windowTokens;
    let last: TokenEntry | undefined;
    for (const entry of tokenEntries) {
      last = entry;
      remaining -= entry.tokens;
      if (remaining + tokens <= tokensPerMinute) return entry.time + windowMs;
    }
    return (last?.time ?? clock.now()) + windowMs;
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting;
    },
    acquire(estimatedTokens, signal) {
      if (signal?.aborted) return Promise.reject(new AbortedError({ cause: signal.reason }));
      if (estimatedTokens > tokensPerMinute) {
        return Promise.reject(
          new InvalidRequestError({
            message: `This call is estimated at ${estimatedTokens} tokens, more than the limiter's tokensPerMinute (${tokensPerMinute}), so it could never start. Lower the request's maxTokens or raise tokensPerMinute.`,
          }),
        );
      }
      return new Promise<Permit>((resolve, reject) => {
        const waiter: Waiter = {
          tokens: Math.max(0, estimatedTokens),
          resolve,
          reject,
          cancelled: false,
          unsubscribe: () => {},
        };
        waiter.unsubscribe = onAbort(signal, () => {
          waiter.cancelled = true;
          waiting -= 1;
          reject(new AbortedError({ cause: signal?.reason }));
          pump();
        });
        queue.push(waiter);
        waiting += 1;
        pump();
      });
    },
  };
}

function checkLimit(name: string, value: number | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!(value > 0) || (name === 'maxConcurrency' && !Number.isInteger(value))) {
    throw new ConfigurationError({
      message: `${name} must be a positive ${name === 'maxConcurrency' ? 'integer' : 'number'}; got ${value}. Omit it for no limit.`,
    });
  }
  return value;
}
