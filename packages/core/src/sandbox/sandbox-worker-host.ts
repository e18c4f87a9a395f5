import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  Worker,
} from 'node:worker_threads';
import { createChannelBuffer, SyncChannel, workerState } from './sync-channel.js';
import { type DoneReport, frame, type HostCallRequest, unframe } from './worker-protocol.js';
import { workerFromSources } from './worker-source-build.js';

/**
 * How long the host waits past a call's limit for the worker's own interrupt to report, before it
 * stops the worker. The worker's interrupt fires at the limit when bytecode runs; only code stuck
 * in a native built-in needs the host to step in.
 */
export const overrunGraceMs = 50;

/** How long a new worker may take to start (load its code and compile the engine). */
const startTimeoutMs = 60_000;

/** How a request to the worker ended. */
export type RequestOutcome =
  | { readonly kind: 'done'; readonly report: DoneReport; readonly body: string }
  /** No answer within the budget: the worker was stopped (every VM in it is gone). */
  | { readonly kind: 'overrun' }
  /** The worker was stopped while this request waited on a host function (a nested overrun). */
  | { readonly kind: 'lost' };

/** Answers a guest's host-function call: payload wire text in, `R`/`E` reply text out. */
export type HostCallHandler = (name: string, payload: string) => string;

/** Code of the worker thread: loads the built worker file (or, from sources, its bundled copy). */
function bootstrapCode(): string {
  const here = import.meta.url;
  const report =
    'const fail = (error) => { workerData.port.postMessage(String((error && error.stack) || error)); ' +
    'const state = new Int32Array(workerData.buffer, 16, 1); Atomics.store(state, 0, 2); Atomics.notify(state, 0); };';
  const module = here.endsWith('.ts')
    ? workerFromSources(here)
    : new URL('./sandbox-worker.js', here).href;
  const load = `import(${JSON.stringify(module)})`;
  return (
    `const { workerData } = require('node:worker_threads'); ${report} ` +
    `${load}.then((module) => module.runSandboxWorker(workerData)).catch(fail);`
  );
}

/** Thrown when the worker cannot start; the sandbox reports it as an internal failure. */
export class WorkerStartError extends Error {}

/**
 * The host's handle on the process's sandbox worker: starts it on first use, sends requests and
 * waits for answers synchronously (the host thread blocks in `Atomics.wait`, its event loop is not
 * run), services host-function calls the guest makes meanwhile, and stops the worker when a
 * request overruns its budget. A stopped worker is replaced on the next request; `generation`
 * counts replacements so callers know their VMs are gone.
 */
export class SandboxWorkerHost {
  #worker: Worker | undefined;
  #channel: SyncChannel | undefined;
  #generation = 0;
  #depth = 0;
  #pendingClose: number[] = [];
  #spare: Spawned | undefined;
  /** The engine as the first worker compiled it, passed to its replacements. */
  #module: object | undefined;

  /** Increases each time the worker is stopped; VMs opened in an earlier generation are gone. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Sends one request and waits at most `budgetMs` for its answer, servicing host-function calls
   * with `hostCall`. Throws WorkerStartError when a new worker cannot start.
   */
  request(
    header: Record<string, unknown>,
    body: string,
    budgetMs: number,
    hostCall: HostCallHandler,
  ): RequestOutcome {
    const channel = this.#start();
    const generation = this.#generation;
    const close = this.#pendingClose.splice(0);
    channel.send(frame(close.length === 0 ? header : { ...header, close }, body));
    const deadline = performance.now() + budgetMs;
    this.#depth += 1;
    try {
      for (;;) {
        const text = channel.receive(deadline - performance.now());
        if (text === undefined) {
          this.stop();
          return { kind: 'overrun' };
        }
        const { header: reply, body: replyBody } = unframe<DoneReport | HostCallRequest>(text);
        if (reply.t === 'done') return { kind: 'done', report: reply, body: replyBody };
        const answer = hostCall(reply.name, replyBody);
        if (this.#generation !== generation) return { kind: 'lost' };
        channel.send(frame({ t: 'reply' }, answer));
      }
    } finally {
      this.#depth -= 1;
    }
  }

  /**
   * Frees a VM. While a request is in flight (a host function disposing code) the id is sent with
   * the next request instead.
   */
  close(id: number, generation: number): void {
    if (generation !== this.#generation || this.#worker === undefined) return;
    this.#pendingClose.push(id);
    if (this.#depth > 0) return;
    const outcome = this.request({ t: 'close', close: [] }, '', startTimeoutMs, () => 'E');
    if (outcome.kind !== 'done') this.stop();
  }

  /** Frees a VM with the next request (for code that was garbage-collected without dispose()). */
  forget(id: number, generation: number): void {
    if (generation === this.#generation && this.#worker !== undefined) this.#pendingClose.push(id);
  }

  /**
   * Stops the worker now (its VMs are lost). A replacement starts at once in the background, so the
   * next request rarely waits for it.
   */
  stop(): void {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#channel = undefined;
    this.#pendingClose = [];
    this.#generation += 1;
    if (worker !== undefined) void worker.terminate().catch(() => {});
    this.#spare ??= spawn(this.#module);
  }

  #start(): SyncChannel {
    if (this.#channel !== undefined) return this.#channel;
    const { worker, channel, port } = this.#spare ?? spawn(this.#module);
    this.#spare = undefined;
    const state = channel.waitForState(startTimeoutMs);
    if (state !== workerState.ready) {
      const detail =
        state === workerState.failed
          ? String(receiveMessageOnPort(port)?.message ?? 'no detail')
          : `it did not start within ${startTimeoutMs / 1000} s`;
      void worker.terminate().catch(() => {});
      this.#generation += 1;
      throw new WorkerStartError(`the sandbox worker could not start: ${detail}`);
    }
    if (this.#module === undefined) {
      const message = receiveMessageOnPort(port)?.message as { module?: object } | undefined;
      this.#module = message?.module;
    }
    this.#worker = worker;
    this.#channel = channel;
    return channel;
  }
}

interface Spawned {
  readonly worker: Worker;
  readonly channel: SyncChannel;
  readonly port: MessagePort;
}

/** Starts a worker thread; it boots in the background and publishes its state in the channel. */
function spawn(module: object | undefined): Spawned {
  const buffer = createChannelBuffer();
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(bootstrapCode(), {
    eval: true,
    workerData: module === undefined ? { buffer, port: port2 } : { buffer, port: port2, module },
    transferList: [port2],
  });
  worker.unref();
  // A worker that dies is noticed through the channel's timeout; never crash the host with it.
  worker.on('error', () => {});
  return { worker, channel: new SyncChannel(buffer, port1, 0), port: port1 };
}

let shared: SandboxWorkerHost | undefined;

/** The process-wide sandbox worker host (one worker runs every sandbox VM of the process). */
export function sandboxWorkerHost(): SandboxWorkerHost {
  shared ??= new SandboxWorkerHost();
  return shared;
}
