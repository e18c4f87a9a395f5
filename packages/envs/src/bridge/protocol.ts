/**
 * The bridge's JSON-lines protocol (see PROTOCOL.md): message shapes and the parser of the
 * Python side's replies. Internal: users see the typed results in `types.ts`.
 */

import { isTypedArray } from './sendable.js';

/** The protocol version this client speaks; the server reports its own in `hello`. */
export const PROTOCOL_VERSION = 1;

/** Methods a request may name. */
export type ProtocolMethod = 'hello' | 'make' | 'reset' | 'step' | 'ping' | 'close';

/** One request line. */
export interface ProtocolRequest {
  readonly id: number;
  readonly method: ProtocolMethod;
  readonly params: Record<string, unknown>;
}

/** The `error` object of a failed reply. */
export interface ProtocolErrorPayload {
  readonly code: string;
  readonly message: string;
  readonly [detail: string]: unknown;
}

/** One reply line, parsed. */
export type ProtocolReply =
  | { readonly id: number | string | null; readonly ok: true; readonly result: unknown }
  | {
      readonly id: number | string | null;
      readonly ok: false;
      readonly error: ProtocolErrorPayload;
    };

/** Why a line could not be read as a reply. */
export interface ProtocolViolation {
  readonly problem: string;
}

/** Encodes a request as one line (newline included). */
export function encodeRequest(request: ProtocolRequest): string {
  // Typed arrays (e.g. a Float32Array action) go as plain arrays, not as {"0": ..., "1": ...}.
  return `${JSON.stringify(request, (_key, value: unknown) =>
    isTypedArray(value) ? Array.from(value as ArrayLike<number>) : value,
  )}\n`;
}

/** Parses one line of the server's stdout into a reply, or says what is wrong with it. */
export function parseReply(line: string): ProtocolReply | ProtocolViolation {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'a line that is not JSON' };
  }
  if (!isRecord(value)) return { problem: 'a JSON value that is not an object' };
  const id = value.id;
  if (!(typeof id === 'number' || typeof id === 'string' || id === null)) {
    return { problem: 'a reply without an id' };
  }
  if (value.ok === true) {
    if (!('result' in value)) return { problem: 'a successful reply without a result' };
    return { id, ok: true, result: value.result };
  }
  if (value.ok === false) {
    const error = value.error;
    if (!isRecord(error) || typeof error.code !== 'string' || typeof error.message !== 'string') {
      return { problem: 'a failed reply without an error code and message' };
    }
    return { id, ok: false, error: error as ProtocolErrorPayload };
  }
  return { problem: 'a reply whose `ok` is neither true nor false' };
}

/** True when a parse result is a violation rather than a reply. */
export function isViolation(value: ProtocolReply | ProtocolViolation): value is ProtocolViolation {
  return 'problem' in value;
}

/** True for plain JSON objects. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
