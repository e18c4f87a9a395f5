/** Closed set of error codes raised by the Python bridge of @trace/envs. */
export type PythonBridgeErrorCode =
  /** The Python process could not be started, or exited before the handshake. */
  | 'START_FAILED'
  /** The Python process did not answer the handshake in time. */
  | 'START_TIMEOUT'
  /** A call got no answer in time; the process was stopped. */
  | 'CALL_TIMEOUT'
  /** The Python process exited (crash, signal, or a clean exit) while calls were pending. */
  | 'PROCESS_EXITED'
  /** The Python process wrote something that is not a valid protocol message. */
  | 'PROTOCOL'
  /** The environment was closed, or restarted while the call was pending. */
  | 'CLOSED'
  /** The environment raised an exception while handling the call. */
  | 'ENVIRONMENT'
  /** The Python side knows no environment by that id. */
  | 'UNKNOWN_ENVIRONMENT'
  /** The environment needs Python packages that are not installed. */
  | 'MISSING_PACKAGE'
  /** The Python side rejected the request as malformed, or it came before `make`. */
  | 'INVALID_REQUEST'
  /** The call was carried out (a step was applied) but its result could not be sent as JSON. */
  | 'REPLY_NOT_ENCODABLE'
  /** A value given to the bridge (an action, a seed, an option) is not acceptable. */
  | 'INVALID_ARGUMENT'
  /** An observation could not be parsed into its typed form. */
  | 'INVALID_OBSERVATION';

const marker = Symbol.for('@trace/envs.PythonBridgeError');

/** Options shared by every bridge error. */
export interface PythonBridgeErrorOptions {
  /** The environment id the error concerns (e.g. `llf-metaworld-reach-v2`). */
  readonly environmentId?: string | undefined;
  /** The last part of the Python process's stderr, when there is one. */
  readonly stderrTail?: string | undefined;
  /** The underlying error, kept for debugging. */
  readonly cause?: unknown;
}

/**
 * Base class of every error thrown by the Python bridge. `code` tells errors apart, `environmentId`
 * names the environment, `stderrTail` keeps the end of the Python process's stderr, `cause` is kept.
 */
export class PythonBridgeError extends Error {
  readonly [marker] = true;
  /** Which kind of error this is. */
  readonly code: PythonBridgeErrorCode;
  /** The environment id the error concerns, when known. */
  readonly environmentId: string | undefined;
  /** The end of the Python process's stderr (empty when there was none). */
  readonly stderrTail: string;
  /** True when the same call may succeed after `restart()` (crashes and timeouts). */
  readonly isRetryable: boolean;

  constructor(
    code: PythonBridgeErrorCode,
    message: string,
    options: PythonBridgeErrorOptions & { readonly isRetryable?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PythonBridgeError';
    this.code = code;
    this.environmentId = options.environmentId;
    this.stderrTail = options.stderrTail ?? '';
    this.isRetryable = options.isRetryable ?? false;
  }

  /** True for a PythonBridgeError from any copy of this package. */
  static isInstance(error: unknown): error is PythonBridgeError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}

/** Appends the stderr tail to a message, indented, when there is one. */
export function withStderr(message: string, stderrTail: string | undefined): string {
  const tail = stderrTail?.trim();
  if (!tail) return message;
  return `${message}\nLast lines of the Python process's stderr:\n${indent(tail)}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
