/**
 * The sandbox worker: runs every QuickJS VM of this process off the host thread, so the host can
 * stop code that never returns (`Worker#terminate`) even inside a long native built-in. It waits for
 * requests on a SyncChannel and never uses its event loop. Built as its own entry
 * (`dist/sandbox-worker.js`); the host starts it in `sandbox-worker-host.ts`.
 */
import type { MessagePort } from 'node:worker_threads';
import { GuestFault, GuestSession, InputTooLarge } from './guest-session.js';
import { SyncChannel, workerState } from './sync-channel.js';
import { quickJsModule, useCompiledModule } from './wasm-module.js';
import {
  type CallRequest,
  type DoneReport,
  type FaultReport,
  frame,
  type HostMessage,
  type OpenRequest,
  unframe,
} from './worker-protocol.js';

/** What the host passes to a new worker. */
export interface SandboxWorkerData {
  readonly buffer: SharedArrayBuffer;
  readonly port: MessagePort;
  /** The engine compiled by an earlier worker; compiling it again would cost tens of milliseconds. */
  readonly module?: object;
}

interface Entry {
  session: GuestSession | undefined;
  readonly request: OpenRequest;
  readonly expression: string;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function faultReport(error: unknown, interrupted: boolean): FaultReport {
  if (error instanceof GuestFault) {
    const cause = error.cause;
    return {
      ...(error.error === undefined ? {} : { error: error.error }),
      inPromiseJob: error.inPromiseJob,
      interrupted,
      stackOverflow: cause instanceof RangeError && /call stack/i.test(cause.message),
      copyOut: error.copyOut,
      message: messageOf(cause).slice(0, 500),
    };
  }
  return {
    inPromiseJob: false,
    interrupted,
    stackOverflow: error instanceof RangeError && /call stack/i.test(error.message),
    copyOut: false,
    message: messageOf(error).slice(0, 500),
  };
}

class SandboxWorker {
  readonly #sessions = new Map<number, Entry>();

  constructor(private readonly channel: SyncChannel) {}

  /** Serves requests for ever. */
  serve(): never {
    for (;;) this.#handle(this.channel.receive(Number.POSITIVE_INFINITY)!);
  }

  #done(report: Omit<DoneReport, 't'>, body = ''): void {
    this.channel.send(frame({ t: 'done', ...report }, body));
  }

  #handle(text: string): void {
    const { header, body } = unframe<HostMessage>(text);
    if (header.t === 'reply') return;
    for (const id of header.close ?? []) this.#close(id);
    if (header.t === 'close') {
      this.#done({ tag: 'C' });
      return;
    }
    if (header.t === 'open') {
      this.#open(header, body);
      return;
    }
    this.#call(header, body);
    return;
  }

  #close(id: number): void {
    this.#sessions.get(id)?.session?.dispose();
    this.#sessions.delete(id);
  }

  /** Forwards a guest's host-function call and serves nested requests until the reply comes. */
  #hostCall(name: string, payload: string): string {
    this.channel.send(frame({ t: 'host', name }, payload));
    for (;;) {
      const text = this.channel.receive(Number.POSITIVE_INFINITY)!;
      if (text.startsWith('{"t":"reply"')) return unframe(text).body;
      this.#handle(text);
    }
  }

  #build(entry: Entry): GuestSession {
    const { request } = entry;
    const session = new GuestSession({
      memoryBytes: request.memoryBytes,
      hostFunctionNames: request.hostNames,
      hostCall: (name, payload) => this.#hostCall(name, payload),
    });
    try {
      session.withDeadline(request.timeoutMs, () =>
        session.install(entry.expression, request.fileName),
      );
    } catch (error) {
      session.dispose();
      throw error;
    }
    return session;
  }

  #open(request: OpenRequest, expression: string): void {
    this.#close(request.id);
    const entry: Entry = { session: undefined, request, expression };
    try {
      entry.session = this.#build(entry);
    } catch (error) {
      this.#done({ tag: 'F', fault: faultReport(error, false) });
      return;
    }
    this.#sessions.set(request.id, entry);
    this.#done({ tag: 'K' });
  }

  #call(request: CallRequest, payload: string): void {
    const entry = this.#sessions.get(request.id);
    if (entry === undefined) {
      this.#done({ tag: 'F', fault: faultReport(new Error('no such session'), false) });
      return;
    }
    let session = entry.session;
    try {
      if (request.reset || session === undefined) {
        session?.dispose();
        entry.session = undefined;
        session = this.#build(entry);
        entry.session = session;
      }
    } catch (error) {
      this.#done({ tag: 'F', fault: faultReport(error, false) });
      return;
    }
    const live = session;
    try {
      live.withDeadline(request.timeoutMs, () => this.#run(live, payload));
    } catch (error) {
      // The arguments never reached the code: keep the VM.
      if (error instanceof InputTooLarge) {
        this.#done({ tag: 'I' }, error.detail);
        return;
      }
      live.dispose();
      entry.session = undefined;
      this.#done({ tag: 'F', fault: faultReport(error, live.interrupted) });
    }
  }

  #run(session: GuestSession, payload: string): void {
    let outcome = session.call(payload);
    if (outcome[0] === 'I') {
      this.#done({ tag: 'I' }, outcome.slice(1));
      return;
    }
    session.drainJobs();
    if (outcome === 'P') outcome = session.take();
    if (outcome === 'P') {
      this.#done({ tag: 'N' });
      return;
    }
    const tag = outcome[0] as DoneReport['tag'];
    if (tag === 'R') {
      this.#done({ tag }, outcome.slice(1));
      return;
    }
    this.#done({ tag, logs: session.logs() }, outcome.slice(1));
  }
}

/**
 * Entry point of the worker thread: compiles the engine, reports ready and serves requests. A
 * failure to start is reported through the port and the shared state.
 */
export function runSandboxWorker(data: SandboxWorkerData): void {
  const channel = new SyncChannel(data.buffer, data.port, 1);
  try {
    if (data.module === undefined) {
      // Hand the compiled engine to the host, which gives it to the workers that replace this one.
      data.port.postMessage({ module: quickJsModule() });
    } else {
      useCompiledModule(data.module);
    }
  } catch (error) {
    data.port.postMessage(`could not compile the engine: ${messageOf(error)}`);
    channel.publishState(workerState.failed);
    return;
  }
  channel.publishState(workerState.ready);
  new SandboxWorker(channel).serve();
}
