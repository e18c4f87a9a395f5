import { type ChildProcess, spawn } from 'node:child_process';
import { trackChild } from './child-registry.js';
import { BridgeArgumentError } from './errors/bridge-argument-error.js';
import { PythonBridgeClosedError } from './errors/python-bridge-closed-error.js';
import type { PythonBridgeError } from './errors/python-bridge-error.js';
import { PythonCallTimeoutError } from './errors/python-call-timeout-error.js';
import { PythonProcessExitedError } from './errors/python-process-exited-error.js';
import { PythonProtocolError } from './errors/python-protocol-error.js';
import {
  encodeRequest,
  isViolation,
  type ProtocolMethod,
  type ProtocolReply,
  parseReply,
} from './protocol.js';
import { remoteError } from './remote-error.js';
import { findUnsendableValue } from './sendable.js';
import { StderrTail } from './stderr-tail.js';

/** How to start one Python server process. */
export interface PythonProcessOptions {
  readonly environmentId: string;
  readonly python: string;
  readonly serverScript: string;
  readonly cwd?: string | undefined;
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  readonly stderrTailChars: number;
  readonly onStderr?: ((text: string) => void) | undefined;
  readonly maxLineChars?: number | undefined;
}

/** How the process ended. */
export interface ProcessExit {
  readonly exitCode: number | null;
  readonly signal: string | null;
}

/** Why the process stopped serving calls. */
type Termination =
  | { readonly kind: 'exited'; readonly exitCode: number | null; readonly signal: string | null }
  | { readonly kind: 'spawn-error'; readonly error: NodeJS.ErrnoException }
  | {
      readonly kind: 'timeout';
      readonly requestId: number;
      readonly method: string;
      readonly timeoutMs: number;
    }
  | { readonly kind: 'protocol'; readonly problem: string; readonly line: string }
  | { readonly kind: 'stopped'; readonly reason: 'closed' | 'restarted' };

interface Pending {
  readonly method: ProtocolMethod;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: PythonBridgeError) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

/** Time allowed for stderr to drain after the process exited, before pending calls are failed. */
const DRAIN_MS = 250;
const DEFAULT_MAX_LINE_CHARS = 64 * 1024 * 1024;

/**
 * One Python server process and the calls in flight to it, correlated by id. Internal: the public
 * face is PythonEnvironment. Any failure (exit, spawn error, timeout, protocol violation) ends the
 * process with SIGKILL and fails every pending call with a typed error naming the environment.
 */
export class PythonProcess {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private readonly stderr: StderrTail;
  private readonly maxLineChars: number;
  private nextId = 1;
  /** The start of the stdout line being received, in chunks. */
  private partial: string[] = [];
  private partialLength = 0;
  private termination: Termination | undefined;
  private exitInfo: ProcessExit | undefined;
  private resolveExited: (exit: ProcessExit) => void = () => {};
  /** Resolves once the process has exited and been reaped (never rejects). */
  readonly exited: Promise<ProcessExit>;

  constructor(private readonly options: PythonProcessOptions) {
    this.stderr = new StderrTail(options.stderrTailChars);
    this.maxLineChars = options.maxLineChars ?? DEFAULT_MAX_LINE_CHARS;
    this.exited = new Promise((resolve) => {
      this.resolveExited = resolve;
    });
    this.child = spawn(options.python, ['-B', '-u', options.serverScript], {
      cwd: options.cwd,
      env: {
        ...process.env,
        ...options.env,
        PYTHONUNBUFFERED: '1',
        PYTHONIOENCODING: 'utf-8',
        PYTHONDONTWRITEBYTECODE: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.listen();
    this.updateKeepAlive();
  }

  /** The operating-system process id (undefined when spawning failed). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True until the process stops serving calls. */
  get alive(): boolean {
    return this.termination === undefined;
  }

  /** The last part of the process's stderr. */
  stderrTail(): string {
    return this.stderr.text();
  }

  /** One sentence on why the process stopped, or undefined while it is alive. */
  describeTermination(): string | undefined {
    const termination = this.termination;
    if (termination === undefined) return undefined;
    switch (termination.kind) {
      case 'spawn-error':
        return `the executable could not be run (${termination.error.code ?? termination.error.message})`;
      case 'exited':
        return termination.signal !== null
          ? `the process was killed by ${termination.signal}`
          : `the process exited with code ${termination.exitCode ?? 'unknown'}`;
      case 'timeout':
        return `'${termination.method}' got no answer within ${termination.timeoutMs} ms`;
      case 'protocol':
        return `the process wrote ${termination.problem} on stdout: ${JSON.stringify(termination.line.slice(0, 200))}`;
      case 'stopped':
        return `the process was stopped (${termination.reason})`;
    }
  }

  /** Sends one request and resolves with its result, or rejects with a typed bridge error. */
  request(
    method: ProtocolMethod,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<unknown> {
    if (this.termination !== undefined) {
      return Promise.reject(this.errorFor(this.termination, method, -1));
    }
    for (const [name, value] of Object.entries(params)) {
      const problem = findUnsendableValue(value, name);
      if (problem !== undefined) {
        return Promise.reject(
          new BridgeArgumentError(`Cannot send '${method}' to Python: ${problem}.`, {
            environmentId: this.options.environmentId,
          }),
        );
      }
    }
    const id = this.nextId;
    this.nextId += 1;
    let line: string;
    try {
      line = encodeRequest({ id, method, params });
    } catch (error) {
      return Promise.reject(
        new BridgeArgumentError(
          `The parameters of '${method}' cannot be sent as JSON (${String(error)}); use plain numbers, strings, booleans, arrays and objects.`,
          { environmentId: this.options.environmentId, cause: error },
        ),
      );
    }
    return new Promise<unknown>((resolve, reject) => {
      const timer =
        Number.isFinite(timeoutMs) && timeoutMs > 0
          ? setTimeout(() => {
              this.terminate({ kind: 'timeout', requestId: id, method, timeoutMs });
            }, timeoutMs)
          : undefined;
      this.pending.set(id, { method, resolve, reject, timer });
      this.updateKeepAlive();
      this.child.stdin?.write(line);
    });
  }

  /** Stops the process now (SIGKILL) and fails pending calls with `PythonBridgeClosedError`. */
  async stop(reason: 'closed' | 'restarted'): Promise<ProcessExit> {
    this.terminate({ kind: 'stopped', reason });
    return this.exited;
  }

  /**
   * Asks the server to close its environment and exit; kills it when it does not within
   * `graceMs`. Resolves once the process is gone.
   */
  async shutdown(graceMs: number): Promise<ProcessExit> {
    if (this.termination === undefined) {
      const closing = this.request('close', {}, graceMs).catch(() => undefined);
      const gone = this.exited.then(() => undefined);
      await Promise.race([closing, gone]);
      this.child.stdin?.end();
      const timer = setTimeout(
        () => this.terminate({ kind: 'stopped', reason: 'closed' }),
        graceMs,
      );
      await this.exited;
      clearTimeout(timer);
    }
    this.terminate({ kind: 'stopped', reason: 'closed' });
    return this.exited;
  }

  private listen(): void {
    const child = this.child;
    trackChild(child);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => this.onStdout(chunk));
    child.stderr?.on('data', (chunk: string) => {
      this.stderr.append(chunk);
      this.options.onStderr?.(chunk);
    });
    // Writing to a process that just died raises EPIPE on stdin; the exit handling reports it.
    child.stdin?.on('error', () => {});
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (child.pid === undefined) {
        this.terminate({ kind: 'spawn-error', error });
        this.markExited({ exitCode: null, signal: null });
      }
    });
    let drain: NodeJS.Timeout | undefined;
    const finish = (exitCode: number | null, signal: string | null): void => {
      if (drain !== undefined) clearTimeout(drain);
      drain = undefined;
      this.terminate({ kind: 'exited', exitCode, signal });
    };
    child.on('exit', (exitCode, signal) => {
      this.markExited({ exitCode, signal });
      if (this.termination === undefined) {
        drain = setTimeout(() => finish(exitCode, signal), DRAIN_MS);
      }
    });
    child.on('close', (exitCode: number | null, signal: string | null) => finish(exitCode, signal));
  }

  private markExited(exit: ProcessExit): void {
    if (this.exitInfo !== undefined) return;
    this.exitInfo = exit;
    this.resolveExited(exit);
  }

  /**
   * Splits stdout into lines. Only the new chunk is searched for a newline, and the start of a long
   * line is kept as a list of chunks, so a line of n bytes costs O(n) however many chunks carry it.
   */
  private onStdout(chunk: string): void {
    if (this.termination !== undefined) return;
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      const piece = chunk.slice(start, newline);
      const line = (this.partial.length === 0 ? piece : this.partial.join('') + piece).trim();
      this.partial = [];
      this.partialLength = 0;
      if (line.length > 0) this.onLine(line);
      if (this.termination !== undefined) return;
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    if (start < chunk.length) {
      this.partial.push(chunk.slice(start));
      this.partialLength += chunk.length - start;
    }
    if (this.partialLength > this.maxLineChars) {
      this.terminate({
        kind: 'protocol',
        problem: `a line longer than ${this.maxLineChars} characters`,
        line: this.partial.join('').slice(0, 200),
      });
    }
  }

  private onLine(line: string): void {
    const reply = parseReply(line);
    if (isViolation(reply)) {
      this.terminate({ kind: 'protocol', problem: reply.problem, line });
      return;
    }
    const pending = typeof reply.id === 'number' ? this.pending.get(reply.id) : undefined;
    if (pending === undefined) {
      const problem =
        reply.id === null
          ? 'a reply to a request it could not read'
          : 'a reply to no pending request';
      this.terminate({ kind: 'protocol', problem, line });
      return;
    }
    this.pending.delete(reply.id as number);
    if (pending.timer !== undefined) clearTimeout(pending.timer);
    this.updateKeepAlive();
    this.settle(pending, reply);
  }

  private settle(pending: Pending, reply: ProtocolReply): void {
    if (reply.ok) {
      pending.resolve(reply.result);
      return;
    }
    pending.reject(
      remoteError({
        environmentId: this.options.environmentId,
        method: pending.method,
        payload: reply.error,
        stderrTail: this.stderr.text(),
      }),
    );
  }

  /** Records why the process stopped, fails pending calls, and kills the process. */
  private terminate(termination: Termination): void {
    if (this.termination !== undefined) return;
    this.termination = termination;
    const calls = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, pending] of calls) {
      if (pending.timer !== undefined) clearTimeout(pending.timer);
      pending.reject(this.errorFor(termination, pending.method, id));
    }
    if (this.exitInfo === undefined && this.child.pid !== undefined) {
      try {
        this.child.kill('SIGKILL');
      } catch {
        // The process is already gone; 'exit' follows.
      }
    }
    this.updateKeepAlive();
  }

  private errorFor(termination: Termination, method: string, id: number): PythonBridgeError {
    const environmentId = this.options.environmentId;
    const stderrTail = this.stderr.text();
    const pid = this.child.pid;
    switch (termination.kind) {
      case 'timeout':
        if (termination.requestId === id) {
          return new PythonCallTimeoutError({
            environmentId,
            method,
            timeoutMs: termination.timeoutMs,
            pid,
            stderrTail,
          });
        }
        return new PythonProcessExitedError({
          environmentId,
          method,
          exitCode: null,
          signal: null,
          pid,
          reason: `was stopped because '${termination.method}' got no answer within ${termination.timeoutMs} ms`,
          stderrTail,
        });
      case 'protocol':
        return new PythonProtocolError({
          environmentId,
          problem: termination.problem,
          line: termination.line,
          stderrTail,
        });
      case 'stopped':
        return new PythonBridgeClosedError({ environmentId, method, reason: termination.reason });
      case 'spawn-error':
        return new PythonProcessExitedError({
          environmentId,
          method,
          exitCode: null,
          signal: null,
          reason: `could not be started (${termination.error.code ?? termination.error.message})`,
          stderrTail,
          cause: termination.error,
        });
      case 'exited':
        return new PythonProcessExitedError({
          environmentId,
          method,
          exitCode: termination.exitCode,
          signal: termination.signal,
          pid,
          stderrTail,
        });
    }
  }

  /** Keeps Node's event loop alive only while calls are pending, so an idle bridge never
   * prevents a script from ending (the exit handler then kills the process). */
  private updateKeepAlive(): void {
    const keep = this.pending.size > 0 && this.termination === undefined;
    const handles = [this.child, this.child.stdin, this.child.stdout, this.child.stderr];
    for (const handle of handles) {
      const target = handle as unknown as { ref?: () => void; unref?: () => void } | null;
      if (keep) target?.ref?.();
      else target?.unref?.();
    }
  }
}
