/**
 * Messages between the host thread and the sandbox worker. Each message is a JSON header on the
 * first line, then a body of raw text (wire text or a payload) so big values are not escaped twice.
 */
import type { GuestError } from './guest-error.js';

/** Creates a session (a VM holding one compiled code version) under `id`. */
export interface OpenRequest {
  readonly t: 'open';
  readonly id: number;
  readonly fileName: string;
  readonly memoryBytes: number;
  readonly timeoutMs: number;
  readonly hostNames: readonly string[];
  /** Sessions to free first. Body: the function expression. */
  readonly close?: readonly number[];
}

/** Calls session `id`'s function. Body: the arguments as wire text. */
export interface CallRequest {
  readonly t: 'call';
  readonly id: number;
  readonly timeoutMs: number;
  /** Rebuild the session's VM before calling (the last failure may have damaged it). */
  readonly reset: boolean;
  readonly close?: readonly number[];
}

/** Frees sessions. */
export interface CloseRequest {
  readonly t: 'close';
  readonly close: readonly number[];
}

/** The host's answer to a host-function call. Body: `R` + wire text or `E` + message. */
export interface HostReply {
  readonly t: 'reply';
}

/** Anything the host sends. */
export type HostMessage = OpenRequest | CallRequest | CloseRequest | HostReply;

/** A failure the bridge could not report itself (interrupt, trap, engine error). */
export interface FaultReport {
  /** The guest error, when it could be read (fields already capped). */
  readonly error?: GuestError;
  readonly inPromiseJob: boolean;
  /** The worker's interrupt handler stopped the code at the time limit. */
  readonly interrupted: boolean;
  /** The engine ran out of native stack. */
  readonly stackOverflow: boolean;
  /** The result could not be copied out of the VM (the copy needs memory too). */
  readonly copyOut: boolean;
  /** A host-side description of the fault. */
  readonly message: string;
}

/**
 * How a request ended. Tags: `K` opened, `R` result (body: wire text), `E` thrown (body: error
 * JSON), `U` unserializable result (body: problem JSON), `N` never settled, `I` the arguments did
 * not fit into the VM (body: detail), `F` fault, `C` closed.
 */
export interface DoneReport {
  readonly t: 'done';
  readonly tag: 'K' | 'R' | 'E' | 'U' | 'N' | 'I' | 'F' | 'C';
  readonly logs?: readonly string[];
  readonly fault?: FaultReport;
}

/** The guest called a host function. Body: the arguments as wire text. */
export interface HostCallRequest {
  readonly t: 'host';
  readonly name: string;
}

/** Anything the worker sends. */
export type WorkerMessage = DoneReport | HostCallRequest;

/** Joins a header and a body into one message. */
export function frame(header: object, body = ''): string {
  return `${JSON.stringify(header)}\n${body}`;
}

/** Splits a message into its header and body. */
export function unframe<T>(text: string): { header: T; body: string } {
  const newline = text.indexOf('\n');
  return { header: JSON.parse(text.slice(0, newline)) as T, body: text.slice(newline + 1) };
}
