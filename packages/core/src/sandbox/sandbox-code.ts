import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CompiledCode } from '../code/code-runner.js';
import { endSentence } from '../errors/end-sentence.js';
import { TraceError } from '../errors/trace-error.js';
import { classifyGuestError, sandboxDepthLimit } from './classify-failure.js';
import {
  argumentTooLargeFailure,
  type FeedbackContext,
  internalFailure,
  neverSettledFailure,
  resultTooLargeFailure,
  stackOverflowFailure,
  timeoutFailure,
  unserializableArgumentFailure,
  unserializableResultFailure,
} from './feedback.js';
import { codeFrames, parseGuestError } from './guest-error.js';
import { answerHostCall } from './host-calls.js';
import type { ResolvedOptions } from './resolve-options.js';
import {
  overrunGraceMs,
  type RequestOutcome,
  sandboxWorkerHost,
  WorkerStartError,
} from './sandbox-worker-host.js';
import { sourceExcerpt } from './source-excerpt.js';
import { decodeWire, type EncodeProblem, encodeWire } from './wire-format.js';
import type { FaultReport } from './worker-protocol.js';

/** Source prepared for the sandbox. */
export interface PreparedCode {
  /** The source as submitted; failure lines refer to it. */
  readonly source: string;
  /** JavaScript expression evaluating to the function, with the same line numbers. */
  readonly expression: string;
  /** File name the expression is evaluated under inside the VM. */
  readonly fileName: string;
}

/** Failures after which the VM is rebuilt before the next call. */
const poisoningKinds = new Set([
  'timeout',
  'memory',
  'stack-overflow',
  'never-settled',
  'internal',
]);

/** Time allowed to create a VM and evaluate the function expression (no proposed code runs). */
const openBudgetMs = 30_000;

let nextId = 1;

const collected = new FinalizationRegistry<{ id: number; generation: number }>((held) =>
  sandboxWorkerHost().forget(held.id, held.generation),
);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps a problem found in the arguments array to a path rooted at `args[i]`. */
function argumentProblem(problem: EncodeProblem): { root: string; problem: EncodeProblem } {
  const [first = 0, ...rest] = problem.path;
  const target = problem.target?.slice(1);
  return {
    root: `args[${Number(first)}]`,
    problem: { ...problem, path: rest, ...(target ? { target } : {}) },
  };
}

/**
 * One compiled version of a code parameter, running in its own QuickJS VM inside the process's
 * sandbox worker thread. The VM is created when the code compiles and reused by every call; after
 * a failure that may leave it damaged (timeout, memory, stack overflow, never-settled promise,
 * engine fault) it is rebuilt before the next call. When a call has to be stopped from outside
 * (code stuck in a native built-in), the worker is replaced and every VM is rebuilt on its next
 * call, so state a version keeps in its globals may be reset then.
 */
export class SandboxCode implements CompiledCode {
  readonly #id = nextId++;
  #generation = -1;
  #reset = false;
  #disposed = false;
  #busy = false;
  readonly #context: FeedbackContext;
  readonly #hostCall: (name: string, payload: string) => string;
  readonly #token = {};

  constructor(
    private readonly code: PreparedCode,
    private readonly options: ResolvedOptions,
  ) {
    this.#context = {
      source: code.source,
      limits: options.limits,
      hostFunctionNames: options.hostFunctionNames,
    };
    this.#hostCall = (name, payload) => answerHostCall(options.hostFunctions, name, payload);
    this.#open();
  }

  call(args: readonly unknown[], _thisArg?: unknown): unknown {
    if (this.#disposed) {
      throw internalFailure('call() after dispose(); compile the source again');
    }
    if (this.#busy) {
      throw internalFailure('call() re-entered from a host function; the code cannot call itself');
    }
    if (!Array.isArray(args)) {
      throw new TraceError('INVALID_ARGUMENT', 'call() needs the arguments as an array');
    }
    // `this` is not passed: sandboxed code runs in strict mode with `this` undefined.
    const encoded = encodeWire([...args]);
    if ('problem' in encoded) {
      const { root, problem } = argumentProblem(encoded.problem);
      throw unserializableArgumentFailure(root, problem);
    }
    if (encoded.text.length > this.options.limits.memoryBytes) {
      throw argumentTooLargeFailure(this.#context, encoded.text.length);
    }
    this.#busy = true;
    try {
      const host = sandboxWorkerHost();
      if (this.#reset || this.#generation !== host.generation) this.#open();
      const outcome = this.#request(
        { t: 'call', id: this.#id, timeoutMs: this.options.limits.timeoutMs, reset: false },
        encoded.text,
        this.options.limits.timeoutMs + overrunGraceMs,
      );
      return this.#result(outcome);
    } finally {
      this.#busy = false;
    }
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    collected.unregister(this.#token);
    sandboxWorkerHost().close(this.#id, this.#generation);
  }

  #request(header: Record<string, unknown>, body: string, budgetMs: number): RequestOutcome {
    try {
      return sandboxWorkerHost().request(header, body, budgetMs, this.#hostCall);
    } catch (error) {
      if (error instanceof WorkerStartError) throw internalFailure(error.message, error);
      throw internalFailure(`unexpected host error: ${messageOf(error)}`, error);
    }
  }

  /** Creates (or re-creates) this version's VM and installs the function in it. */
  #open(): void {
    const host = sandboxWorkerHost();
    collected.unregister(this.#token);
    const outcome = this.#request(
      {
        t: 'open',
        id: this.#id,
        fileName: this.code.fileName,
        memoryBytes: this.options.limits.memoryBytes,
        timeoutMs: this.options.limits.timeoutMs,
        hostNames: this.options.hostFunctionNames,
      },
      this.code.expression,
      openBudgetMs,
    );
    if (outcome.kind !== 'done') {
      throw internalFailure(`creating the VM took longer than ${openBudgetMs / 1000} s`);
    }
    const { report } = outcome;
    if (report.tag === 'K') {
      this.#generation = host.generation;
      this.#reset = false;
      collected.register(this, { id: this.#id, generation: this.#generation }, this.#token);
      return;
    }
    const fault = report.fault;
    if (fault?.error?.name === 'SyntaxError') {
      const line = codeFrames(fault.error.stack, this.code.fileName)[0]?.line;
      throw new CodeExecutionError({
        kind: 'syntax',
        message: `SyntaxError${line ? ` at line ${line}` : ''}: ${endSentence(fault.error.message)} Fix the syntax.${sourceExcerpt(this.code.source, line)}`,
        ...(line === undefined ? {} : { line }),
      });
    }
    throw this.#faultFailure(fault);
  }

  #result(outcome: RequestOutcome): unknown {
    if (outcome.kind === 'overrun') {
      throw timeoutFailure(this.#context, [], false, {
        stoppedFromOutside: true,
      });
    }
    if (outcome.kind === 'lost') {
      this.#reset = true;
      throw internalFailure(
        'the sandbox worker was stopped while this call waited for a host function, because ' +
          'sandboxed code called inside that host function ran past its limit',
      );
    }
    const { report, body } = outcome;
    let failure: CodeExecutionError;
    switch (report.tag) {
      case 'R':
        return decodeWire(body);
      case 'E': {
        const thrown = parseGuestError(body);
        failure =
          thrown === undefined
            ? internalFailure('unreadable error report from the VM')
            : classifyGuestError(this.#context, thrown, {
                fileName: this.code.fileName,
                interrupted: false,
                inPromiseJob: false,
                consoleLines: report.logs ?? [],
              });
        break;
      }
      case 'U':
        failure = unserializableResultFailure(JSON.parse(body) as EncodeProblem, report.logs ?? []);
        break;
      case 'N':
        failure = neverSettledFailure();
        break;
      case 'I':
        throw argumentTooLargeFailure(this.#context, undefined);
      case 'F':
        failure = this.#faultFailure(report.fault);
        break;
      default:
        failure = internalFailure('unreadable outcome from the VM');
    }
    if (report.tag === 'F' || poisoningKinds.has(failure.kind)) this.#reset = true;
    throw failure;
  }

  #faultFailure(fault: FaultReport | undefined): CodeExecutionError {
    if (fault === undefined) return internalFailure('the VM failed without a report');
    if (fault.copyOut) return resultTooLargeFailure(this.#context);
    if (fault.error !== undefined) {
      return classifyGuestError(this.#context, fault.error, {
        fileName: this.code.fileName,
        interrupted: fault.interrupted,
        inPromiseJob: fault.inPromiseJob,
        consoleLines: [],
      });
    }
    if (fault.interrupted) return timeoutFailure(this.#context, [], fault.inPromiseJob);
    if (fault.stackOverflow) {
      return stackOverflowFailure(this.#context, [], { depthLimit: sandboxDepthLimit });
    }
    return internalFailure(`the engine stopped: ${fault.message}`);
  }
}
