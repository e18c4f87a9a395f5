import {
  type MissingPackageAdvice,
  PythonEnvironmentError,
} from './errors/python-environment-error.js';
import type { ProtocolErrorPayload } from './protocol.js';

const codes: Record<string, PythonEnvironmentError['code']> = {
  'environment-error': 'ENVIRONMENT',
  'unknown-environment': 'UNKNOWN_ENVIRONMENT',
  'missing-package': 'MISSING_PACKAGE',
  'invalid-request': 'INVALID_REQUEST',
  'not-ready': 'INVALID_REQUEST',
  'reply-not-encodable': 'REPLY_NOT_ENCODABLE',
};

/** Turns the `error` object of a failed reply into a typed PythonEnvironmentError. */
export function remoteError(options: {
  readonly environmentId: string;
  readonly method: string;
  readonly payload: ProtocolErrorPayload;
  readonly stderrTail: string;
}): PythonEnvironmentError {
  const { payload } = options;
  const code = codes[payload.code] ?? 'ENVIRONMENT';
  return new PythonEnvironmentError({
    code,
    environmentId: options.environmentId,
    method: options.method,
    remoteMessage: payload.message,
    pythonType: typeof payload.type === 'string' ? payload.type : undefined,
    traceback: typeof payload.traceback === 'string' ? payload.traceback : undefined,
    install: code === 'MISSING_PACKAGE' ? installAdvice(payload) : undefined,
    stderrTail: options.stderrTail,
  });
}

function installAdvice(payload: ProtocolErrorPayload): MissingPackageAdvice | undefined {
  const { missing, requirements, command } = payload;
  if (typeof missing !== 'string' || typeof command !== 'string' || !Array.isArray(requirements)) {
    return undefined;
  }
  return {
    missing,
    command,
    requirements: requirements.filter((item): item is string => typeof item === 'string'),
  };
}
