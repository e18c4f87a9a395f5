import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';

/** Bytes each direction can carry in shared memory; longer messages travel through the port. */
export const inlineCapacityBytes = 1024 * 1024;

/** Int32 slots at the start of the shared buffer. */
const slots = {
  /** Sequence number of messages sent by side 0 (the host) / side 1 (the worker). */
  sequence: [0, 1],
  /** Byte length of the last message of each side; -1 when it went through the port. */
  length: [2, 3],
  /** Worker state: 0 starting, 1 ready, 2 failed to start. */
  state: 4,
} as const;
const headerBytes = 8 * 4;

/** Worker states published in the shared buffer. */
export const workerState = { starting: 0, ready: 1, failed: 2 } as const;

/** Allocates the shared memory of one channel. */
export function createChannelBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(headerBytes + 2 * inlineCapacityBytes);
}

/**
 * One end of a strictly alternating, synchronous message channel between the host thread and a
 * sandbox worker: a side sends one text message and then blocks (`Atomics.wait`) until the other
 * side answers. Messages up to `inlineCapacityBytes` of UTF-8 are copied through shared memory
 * (a few microseconds); longer ones go through a MessagePort read with `receiveMessageOnPort`.
 * Neither side ever needs its event loop.
 */
export class SyncChannel {
  readonly #header: Int32Array;
  readonly #bytes: Buffer;
  readonly #side: 0 | 1;
  readonly #port: MessagePort;
  #seen = 0;

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
    if (text.length * 3 <= inlineCapacityBytes) {
      length = this.#bytes.write(text, offset, 'utf8');
    } else if (
      text.length <= inlineCapacityBytes &&
      Buffer.byteLength(text) <= inlineCapacityBytes
    ) {
      length = this.#bytes.write(text, offset, 'utf8');
    } else {
      this.#port.postMessage(text);
    }
    Atomics.store(this.#header, slots.length[this.#side], length);
    Atomics.add(this.#header, slots.sequence[this.#side], 1);
    Atomics.notify(this.#header, slots.sequence[this.#side]);
  }

  /**
   * Waits for the other side's next message. Returns undefined when `timeoutMs` passed first
   * (Infinity waits for ever).
   */
  receive(timeoutMs: number): string | undefined {
    const other = 1 - this.#side;
    const sequenceSlot = slots.sequence[other]!;
    const end = performance.now() + timeoutMs;
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
    this.#seen = Atomics.load(this.#header, sequenceSlot);
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
