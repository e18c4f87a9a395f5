import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';

/** Bytes each direction can carry in shared memory; longer messages travel through the port. */
export const inlineCapacityBytes = 1024 * 1024;

/**
 * How a side waits for the other side's message. It first busy-waits (spins) for a short while,
 * because putting a thread to sleep and waking it again costs tens to hundreds of microseconds
 * (far more than a small call), and only then sleeps in `Atomics.wait`. The spin is bounded:
 * - never longer than `maxSpinMs`, nor past the wait's own timeout;
 * - by an adaptive budget (between `minSpinMs` and `maxSpinMs`) that halves each time a spin ends
 *   without a message and doubles when one arrives, so a worker idle between sparse calls soon
 *   spins only briefly after each call;
 * - by `ackWaitMs`: if the other side has not even picked up our last message by then, it is not
 *   running (asleep, or waiting for a core on a loaded machine), and spinning would only take a
 *   core it may need. Because a side woken from its sleep takes longer than that to pick up a
 *   message, every `probeInterval`-th wait (doubling up to `maxProbeInterval` while probes fail)
 *   waits for the pick-up up to `maxSpinMs` instead: on an idle machine this is how both sides
 *   get back to spinning after one of them slept.
 */
export const spinSettings = {
  maxSpinMs: 0.25,
  minSpinMs: 0.025,
  ackWaitMs: 0.003,
  probeInterval: 16,
  maxProbeInterval: 1024,
} as const;

/** Int32 slots at the start of the shared buffer. */
const slots = {
  /** Sequence number of messages sent by side 0 (the host) / side 1 (the worker). */
  sequence: [0, 1],
  /** Byte length of the last message of each side; -1 when it went through the port. */
  length: [2, 3],
  /** Worker state: 0 starting, 1 ready, 2 failed to start. */
  state: 4,
  /** Number of the other side's messages side 0 / side 1 has picked up. */
  received: [5, 6],
} as const;
const headerBytes = 8 * 4;

/** `String#isWellFormed` (Node 20 has it; the ES2023 library types do not). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** Worker states published in the shared buffer. */
export const workerState = { starting: 0, ready: 1, failed: 2 } as const;

/** Allocates the shared memory of one channel. */
export function createChannelBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(headerBytes + 2 * inlineCapacityBytes);
}

/**
 * One end of a strictly alternating, synchronous message channel between the host thread and a
 * sandbox worker: a side sends one text message and then waits (a short bounded spin, then
 * `Atomics.wait`; see `spinSettings`) until the other side answers. Messages up to
 * `inlineCapacityBytes` of UTF-8 are copied through shared memory (well under a microsecond for a
 * small message); longer ones, and text with a lone surrogate (which UTF-8 cannot carry), go
 * through a MessagePort read with `receiveMessageOnPort`. Neither side ever needs its event loop.
 */
export class SyncChannel {
  readonly #header: Int32Array;
  readonly #bytes: Buffer;
  readonly #side: 0 | 1;
  readonly #port: MessagePort;
  /** Messages of the other side received so far. */
  #seen = 0;
  /** Messages this side has sent. */
  #sent = 0;
  /** Current spin budget in milliseconds (adaptive, see `spinSettings`). */
  #spinMs: number = spinSettings.maxSpinMs;
  /** Waits that needed a spin so far, and how often one of them probes (see `spinSettings`). */
  #waits = 0;
  #probeInterval: number = spinSettings.probeInterval;

  constructor(buffer: SharedArrayBuffer, port: MessagePort, side: 0 | 1) {
    this.#header = new Int32Array(buffer, 0, headerBytes / 4);
    this.#bytes = Buffer.from(buffer, headerBytes, 2 * inlineCapacityBytes);
    this.#side = side;
    this.#port = port;
  }

  /** Sends one message; the other side receives it with `receive`. */
  send(text: string): void {
    const offset = this.#side * inlineCapacityBytes;
    let length = -1;
    if (!isWellFormed(text)) {
      // UTF-8 would turn a lone surrogate into U+FFFD; the port's structured clone keeps it.
      this.#port.postMessage(text);
    } else if (text.length * 3 <= inlineCapacityBytes) {
      length = this.#bytes.write(text, offset, 'utf8');
    } else if (
      text.length <= inlineCapacityBytes &&
      Buffer.byteLength(text) <= inlineCapacityBytes
    ) {
      length = this.#bytes.write(text, offset, 'utf8');
    } else {
      this.#port.postMessage(text);
    }
    this.#sent += 1;
    Atomics.store(this.#header, slots.length[this.#side], length);
    Atomics.store(this.#header, slots.sequence[this.#side], this.#sent);
    Atomics.notify(this.#header, slots.sequence[this.#side]);
  }

  /**
   * Waits for the other side's next message. Returns undefined when `timeoutMs` passed first
   * (Infinity waits for ever).
   */
  receive(timeoutMs: number): string | undefined {
    const other = 1 - this.#side;
    const sequenceSlot = slots.sequence[other]!;
    if (Atomics.load(this.#header, sequenceSlot) === this.#seen) {
      const start = performance.now();
      const end = start + timeoutMs;
      this.#spin(sequenceSlot, start, end);
      while (Atomics.load(this.#header, sequenceSlot) === this.#seen) {
        const remaining = end - performance.now();
        if (remaining <= 0) return undefined;
        Atomics.wait(
          this.#header,
          sequenceSlot,
          this.#seen,
          Number.isFinite(remaining) ? remaining : undefined,
        );
      }
    }
    this.#seen = Atomics.load(this.#header, sequenceSlot);
    Atomics.store(this.#header, slots.received[this.#side], this.#seen);
    const length = Atomics.load(this.#header, slots.length[other]!);
    if (length >= 0) {
      const offset = other * inlineCapacityBytes;
      return this.#bytes.toString('utf8', offset, offset + length);
    }
    for (;;) {
      // postMessage enqueues before the sequence number moves, so the message is there.
      const received = receiveMessageOnPort(this.#port);
      if (received !== undefined) return String(received.message);
    }
  }

  /** Busy-waits for the other side's message within the bounds described at `spinSettings`. */
  #spin(sequenceSlot: number, start: number, end: number): void {
    const receivedSlot = slots.received[1 - this.#side]!;
    this.#waits += 1;
    const probe = this.#waits % this.#probeInterval === 0;
    const spinEnd = Math.min(start + (probe ? spinSettings.maxSpinMs : this.#spinMs), end);
    const ackEnd = start + (probe ? spinSettings.maxSpinMs : spinSettings.ackWaitMs);
    let acknowledged = false;
    for (let round = 1; ; round += 1) {
      if (Atomics.load(this.#header, sequenceSlot) !== this.#seen) {
        this.#spinMs = Math.min(spinSettings.maxSpinMs, this.#spinMs * 2);
        if (probe) this.#probeInterval = spinSettings.probeInterval;
        return;
      }
      if ((round & 63) !== 0) continue;
      const now = performance.now();
      if (!acknowledged) {
        acknowledged = Atomics.load(this.#header, receivedSlot) === this.#sent;
        if (acknowledged && probe) this.#probeInterval = spinSettings.probeInterval;
      }
      if (now >= spinEnd) {
        if (acknowledged) this.#spinMs = Math.max(spinSettings.minSpinMs, this.#spinMs / 2);
        return;
      }
      if (now >= ackEnd && !acknowledged) {
        // The other side is not running: let it have a core.
        if (probe) {
          this.#probeInterval = Math.min(spinSettings.maxProbeInterval, 2 * this.#probeInterval);
        }
        return;
      }
    }
  }

  /** The worker's start-up state. */
  get state(): number {
    return Atomics.load(this.#header, slots.state);
  }

  /** Publishes the worker's start-up state and wakes a host waiting for it. */
  publishState(state: number): void {
    Atomics.store(this.#header, slots.state, state);
    Atomics.notify(this.#header, slots.state);
  }

  /** Waits until the worker leaves the starting state or `timeoutMs` passes; returns the state. */
  waitForState(timeoutMs: number): number {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const state = this.state;
      const remaining = end - performance.now();
      if (state !== workerState.starting || remaining <= 0) return state;
      Atomics.wait(this.#header, slots.state, workerState.starting, remaining);
    }
  }
}
