import { endSentence } from '@trace/core';
import { PythonBridgeError, withStderr } from './python-bridge-error.js';

const marker = Symbol.for('@trace/envs.PythonStartError');

/**
 * The Python process could not be started: the executable is missing, it exited before the
 * handshake, it speaks another protocol version, or it did not answer the handshake in time.
 */
export class PythonStartError extends PythonBridgeError {
  readonly [marker] = true;
  declare readonly code: 'START_FAILED' | 'START_TIMEOUT';
  /** The Python executable that was started. */
  readonly python: string;

  constructor(options: {
    readonly code: 'START_FAILED' | 'START_TIMEOUT';
    readonly environmentId: string;
    readonly python: string;
    /** What went wrong (the message adds a final period when it has none). */
    readonly reason: string;
    readonly stderrTail?: string;
    readonly cause?: unknown;
  }) {
    const advice =
      options.code === 'START_TIMEOUT'
        ? 'Raise startupTimeoutMs if the machine is slow, or check that the executable is a Python interpreter.'
        : 'Install Python 3.8 or newer, or point the `python` option (or the TRACE_PYTHON variable) at one.';
    super(
      options.code,
      withStderr(
        `Could not start the Python bridge for environment '${options.environmentId}' with '${options.python}': ${endSentence(options.reason)} ${advice}`,
        options.stderrTail,
      ),
      { ...options, isRetryable: options.code === 'START_TIMEOUT' },
    );
    this.name = 'PythonStartError';
    this.python = options.python;
  }

  /** True for a PythonStartError from any copy of this package. */
  static override isInstance(error: unknown): error is PythonStartError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
