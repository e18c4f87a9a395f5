import { PythonBridgeError, withStderr } from './python-bridge-error.js';

const marker = Symbol.for('@trace/envs.PythonEnvironmentError');

/** What to install when an environment's Python packages are missing. */
export interface MissingPackageAdvice {
  /** The module that could not be imported (e.g. `llfbench`). */
  readonly missing: string;
  /** pip requirement strings, e.g. `gymnasium==0.29.1`. */
  readonly requirements: readonly string[];
  /** The exact pip command for the interpreter the bridge uses. */
  readonly command: string;
}

/**
 * The Python side answered a call with an error: the environment raised an exception
 * (`ENVIRONMENT`), the id is unknown (`UNKNOWN_ENVIRONMENT`), packages are missing
 * (`MISSING_PACKAGE`, with `install` saying exactly what to pip install), the request was
 * rejected (`INVALID_REQUEST`), or the call was carried out but its result could not be sent
 * (`REPLY_NOT_ENCODABLE`: a step was applied; do not repeat it). The process is still healthy; the message is usable as feedback.
 */
export class PythonEnvironmentError extends PythonBridgeError {
  readonly [marker] = true;
  declare readonly code:
    | 'ENVIRONMENT'
    | 'UNKNOWN_ENVIRONMENT'
    | 'MISSING_PACKAGE'
    | 'INVALID_REQUEST'
    | 'REPLY_NOT_ENCODABLE';
  /** The protocol method that failed. */
  readonly method: string;
  /** The message from the Python side, without the environment prefix. */
  readonly remoteMessage: string;
  /** The Python exception type, for `ENVIRONMENT` errors. */
  readonly pythonType: string | undefined;
  /** The Python traceback, for `ENVIRONMENT` errors. */
  readonly traceback: string | undefined;
  /** What to install, for `MISSING_PACKAGE` errors. */
  readonly install: MissingPackageAdvice | undefined;

  constructor(options: {
    readonly code:
      | 'ENVIRONMENT'
      | 'UNKNOWN_ENVIRONMENT'
      | 'MISSING_PACKAGE'
      | 'INVALID_REQUEST'
      | 'REPLY_NOT_ENCODABLE';
    readonly environmentId: string;
    readonly method: string;
    readonly remoteMessage: string;
    readonly pythonType?: string | undefined;
    readonly traceback?: string | undefined;
    readonly install?: MissingPackageAdvice | undefined;
    readonly stderrTail?: string;
  }) {
    const message = `Environment '${options.environmentId}' failed in '${options.method}': ${options.remoteMessage}`;
    super(
      options.code,
      options.code === 'ENVIRONMENT' ? withStderr(message, options.stderrTail) : message,
      options,
    );
    this.name = 'PythonEnvironmentError';
    this.method = options.method;
    this.remoteMessage = options.remoteMessage;
    this.pythonType = options.pythonType;
    this.traceback = options.traceback;
    this.install = options.install;
  }

  /** True for a PythonEnvironmentError from any copy of this package. */
  static override isInstance(error: unknown): error is PythonEnvironmentError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
