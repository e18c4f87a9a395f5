import { JSException, type JSValueHandle, type QuickJS } from 'quickjs-wasi';
import { createVm } from './create-vm.js';
import { capGuestError } from './failure-caps.js';
import type { GuestError } from './guest-error.js';
import { guestPrelude, preludeFileName } from './guest-prelude.js';

/** Native stack the guest may use: about 1000 nested JavaScript calls (like Python's default). */
const guestStackBytes = 256 * 1024;

/** An error the guest raised outside the bridge's own error handling (interrupts, traps...). */
export class GuestFault {
  constructor(
    /** The guest error, when it could be read. */
    readonly error: GuestError | undefined,
    /** Raised while running promise jobs. */
    readonly inPromiseJob: boolean,
    /** The host-side error (a JSException or a WebAssembly trap). */
    readonly cause: unknown,
    /** The function returned, but its result text could not be copied out of the VM. */
    readonly copyOut = false,
  ) {}
}

/** The arguments could not be copied into the VM: the input, not the code, is too large. */
export class InputTooLarge {
  constructor(
    /** What failed, for the message. */
    readonly detail: string,
  ) {}
}

interface JobExports {
  qjs_is_job_pending(): number;
  qjs_execute_pending_job(): number;
}

/** Settings of one session. */
export interface SessionSettings {
  readonly memoryBytes: number;
  /** Answers the guest's call of host function `name` (payload: wire text); returns `R`/`E` text. */
  readonly hostCall: (name: string, payload: string) => string;
  readonly hostFunctionNames: readonly string[];
}

function readString(handle: JSValueHandle): string | undefined {
  return handle.isString ? handle.toString() : undefined;
}

/** Reads name/message/stack of a guest exception value without calling guest methods on it. */
function readGuestError(vm: QuickJS, handle: JSValueHandle): GuestError {
  if (!handle.isObject) {
    return {
      isError: false,
      name: '',
      message: readString(handle) ?? String(vm.typeof(handle)),
      stack: '',
    };
  }
  const property = (key: string) => handle.getProp(key).consume((value) => readString(value) ?? '');
  return capGuestError({
    isError: true,
    name: property('name'),
    message: property('message'),
    stack: property('stack'),
  });
}

function faultFrom(error: unknown, inPromiseJob: boolean): GuestFault {
  if (error instanceof JSException) {
    const guestError = capGuestError({
      isError: true,
      name: error.name,
      message: error.message,
      stack: error.stack ?? '',
    });
    error.dispose();
    return new GuestFault(guestError, inPromiseJob, error);
  }
  return new GuestFault(undefined, inPromiseJob, error);
}

/**
 * One QuickJS VM holding the bridge and one installed function. Calls run under a deadline
 * enforced by the engine's interrupt handler. Methods throw a GuestFault when the guest fails in
 * a way the bridge could not report itself; after a fault the session should be disposed.
 */
export class GuestSession {
  private deadline = Number.POSITIVE_INFINITY;
  private interruptedFlag = false;
  private readonly vm: QuickJS;
  private readonly bridge: JSValueHandle;
  private readonly methods: Record<'install' | 'call' | 'take' | 'logs', JSValueHandle>;
  /** Strings returned to host-call trampolines; freed once the guest call is over. */
  private readonly replies: JSValueHandle[] = [];

  constructor(settings: SessionSettings) {
    this.vm = createVm({
      memoryBytes: settings.memoryBytes,
      stackBytes: guestStackBytes,
      shouldInterrupt: () => {
        if (performance.now() <= this.deadline) return false;
        this.interruptedFlag = true;
        return true;
      },
    });
    const vm = this.vm;
    const hostCall = vm.newFunction('traceHostCall', (nameHandle, payloadHandle) => {
      const name = nameHandle === undefined ? '' : (readString(nameHandle) ?? '');
      const payload = payloadHandle === undefined ? '' : (readString(payloadHandle) ?? '');
      const reply = vm.newString(settings.hostCall(name, payload));
      this.replies.push(reply);
      return reply;
    });
    const factory = vm.evalCode(guestPrelude, preludeFileName);
    const names = vm.newString(JSON.stringify(settings.hostFunctionNames));
    this.bridge = vm.callFunction(factory, vm.undefined, hostCall, names);
    for (const handle of [factory, names, hostCall]) handle.dispose();
    this.methods = {
      install: this.bridge.getProp('install'),
      call: this.bridge.getProp('call'),
      take: this.bridge.getProp('take'),
      logs: this.bridge.getProp('logs'),
    };
  }

  /** Whether the last deadline expired. */
  get interrupted(): boolean {
    return this.interruptedFlag;
  }

  /** Runs `work` with a deadline `timeoutMs` from now. */
  withDeadline<T>(timeoutMs: number, work: () => T): T {
    this.interruptedFlag = false;
    this.deadline = performance.now() + timeoutMs;
    try {
      return work();
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
      for (const reply of this.replies.splice(0)) reply.dispose();
    }
  }

  /**
   * Evaluates the proposed function expression in strict mode inside a function called without a
   * receiver, so `this` is undefined in the code (also in a top-level arrow function), and installs
   * it as the bridge's target. The wrapper adds nothing before line 1, so line numbers are kept.
   */
  install(expression: string, fileName: string): void {
    try {
      const wrapped = `'use strict';(function () { return ${expression}; })()`;
      const fn = this.vm.evalCode(wrapped, fileName);
      this.vm.callFunction(this.methods.install, this.bridge, fn).dispose();
      fn.dispose();
    } catch (error) {
      throw faultFrom(error, false);
    }
  }

  /** Calls the installed function with wire text `[this, ...args]`; returns the tagged outcome. */
  call(payload: string): string {
    return this.invoke('call', payload);
  }

  /** The outcome of an async call once jobs have run (`P` while still pending). */
  take(): string {
    return this.invoke('take');
  }

  /** Console lines recorded during the last call. */
  logs(): string[] {
    try {
      const parsed: unknown = JSON.parse(this.invoke('logs'));
      return Array.isArray(parsed) ? parsed.filter((line) => typeof line === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Runs every pending promise job (the guest's microtask queue) until none is left. */
  drainJobs(): void {
    const exports = this.vm._getExports() as unknown as JobExports;
    let jobs = 0;
    try {
      while (exports.qjs_is_job_pending() !== 0) {
        jobs += 1;
        if (jobs % 1024 === 0 && performance.now() > this.deadline) {
          // The engine polls the clock while bytecode runs; this also covers a flood of tiny jobs.
          this.interruptedFlag = true;
          throw new GuestFault(
            undefined,
            true,
            new Error('time limit passed between promise jobs'),
          );
        }
        if (exports.qjs_execute_pending_job() < 0) {
          const exception = this.vm.getException();
          const guestError = readGuestError(this.vm, exception);
          exception.dispose();
          throw new GuestFault(guestError, true, undefined);
        }
      }
    } catch (error) {
      if (error instanceof GuestFault) throw error;
      throw faultFrom(error, true);
    }
  }

  /** Frees the VM. Its WebAssembly memory is reclaimed by the host's garbage collector. */
  dispose(): void {
    this.vm.dispose();
  }

  private invoke(method: 'call' | 'take' | 'logs', argument?: string): string {
    let argumentHandle: JSValueHandle | undefined;
    if (argument !== undefined) {
      try {
        argumentHandle = this.vm.newString(argument);
      } catch (error) {
        if (error instanceof JSException) error.dispose();
        throw new InputTooLarge('the arguments could not be copied into the VM');
      }
    }
    let result: JSValueHandle;
    try {
      const args = argumentHandle === undefined ? [] : [argumentHandle];
      result = this.vm.callFunction(this.methods[method], this.bridge, ...args);
    } catch (error) {
      throw faultFrom(error, false);
    } finally {
      argumentHandle?.dispose();
    }
    let text: string | undefined;
    try {
      text = result.consume(readString);
    } catch (error) {
      throw new GuestFault(undefined, false, error, true);
    }
    if (text === undefined) {
      throw new GuestFault(
        undefined,
        false,
        new Error(`the bridge's ${method}() returned a non-string`),
      );
    }
    return text;
  }
}
