import type { CodeExecutionError } from '../code/code-execution-error.js';
import {
  type FeedbackContext,
  memoryFailure,
  stackOverflowFailure,
  thrownFailure,
  timeoutFailure,
  unavailableGlobalFailure,
} from './feedback.js';
import { type CodeFrame, codeFrames, type GuestError } from './guest-error.js';

/**
 * Globals that Node.js or browsers provide and the sandbox does not. A ReferenceError naming one
 * of these is reported as 'unavailable-global'; other undefined names are ordinary bugs.
 */
export const hostOnlyGlobals: ReadonlySet<string> = new Set([
  'process',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'Buffer',
  'global',
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'window',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'self',
  'Deno',
  'Bun',
  'crypto',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'structuredClone',
  'Headers',
  'Request',
  'Response',
  'AbortController',
  'Worker',
  'Blob',
  'FormData',
  'Intl',
  'SharedArrayBuffer',
  'Atomics',
]);

/** Where and how a guest failure happened. */
export interface FailureCircumstances {
  /** File name the proposed code was evaluated under. */
  readonly fileName: string;
  /** The interrupt handler stopped the code because the time limit passed. */
  readonly interrupted: boolean;
  /** The failure happened while running promise jobs (after the function returned a promise). */
  readonly inPromiseJob: boolean;
  /** Console lines the code recorded before failing. */
  readonly consoleLines: readonly string[];
}

/** How deep the sandbox lets code recurse, for messages. */
export const sandboxDepthLimit = 'about 1000 nested calls are allowed';

const memoryMessages = /^(out of memory|string too long|array too long|invalid array length)$/i;
const stackMessages = /^(maximum call stack size exceeded|stack overflow)$/i;
const undefinedName = /^'?([\w$]+)'? is not defined$/;

/** Whether a guest error means the VM ran out of memory. */
export function isMemoryError(error: Pick<GuestError, 'name' | 'message'>): boolean {
  return error.name === 'InternalError' && memoryMessages.test(error.message);
}

/** Whether a guest error means the recursion went too deep. */
export function isStackError(error: Pick<GuestError, 'name' | 'message'>): boolean {
  return (
    (error.name === 'RangeError' || error.name === 'InternalError') &&
    stackMessages.test(error.message)
  );
}

/** Whether a guest error is the interrupt the time limit raises. */
export function isInterruptError(error: Pick<GuestError, 'name' | 'message'>): boolean {
  return error.name === 'InternalError' && error.message === 'interrupted';
}

/** Turns an error raised inside the sandbox into the failure the optimizer reads. */
export function classifyGuestError(
  context: FeedbackContext,
  error: GuestError,
  circumstances: FailureCircumstances,
): CodeExecutionError {
  const frames: CodeFrame[] = codeFrames(error.stack, circumstances.fileName);
  if (circumstances.interrupted || isInterruptError(error)) {
    return timeoutFailure(context, frames, circumstances.inPromiseJob);
  }
  if (isMemoryError(error)) return memoryFailure(context, frames, error.message);
  if (isStackError(error))
    return stackOverflowFailure(context, frames, { depthLimit: sandboxDepthLimit });
  const missing =
    error.name === 'ReferenceError' ? undefinedName.exec(error.message)?.[1] : undefined;
  if (missing !== undefined && hostOnlyGlobals.has(missing)) {
    return unavailableGlobalFailure(context, missing, frames, circumstances.consoleLines);
  }
  if (/could not load module|module not found|unsupported dynamic import/i.test(error.message)) {
    return unavailableGlobalFailure(context, 'import()', frames, circumstances.consoleLines);
  }
  return thrownFailure(context, error, frames, circumstances.consoleLines);
}
