import type { GuestError } from './guest-error.js';

/**
 * The caps on everything that travels from sandboxed code into a failure report (and from there
 * into an optimizer's prompt). Longer text is cut and marked with `…[cut]`. SECURITY.md lists them.
 */
export const failureCaps = {
  /** Characters of a thrown error's `name`. */
  nameChars: 200,
  /** Characters of a thrown error's `message`, or of a thrown non-Error value's rendering. */
  messageChars: 2000,
  /** Characters of a guest stack trace. */
  stackChars: 4000,
  /** Console lines kept per call. */
  consoleLines: 50,
  /** Characters per console line. */
  consoleLineChars: 500,
  /** Characters of a whole failure message (everything above plus the advice text). */
  failureMessageChars: 32_000,
} as const;

/** The mark appended where text was cut. */
export const cutMark = '…[cut]';

/** `text` cut to `limit` characters (marked), or unchanged when it fits. */
export function capText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}${cutMark}`;
}

/** A guest error with every field cut to its cap. */
export function capGuestError(error: GuestError): GuestError {
  return {
    isError: error.isError,
    name: capText(error.name, failureCaps.nameChars),
    message: capText(error.message, failureCaps.messageChars),
    stack: capText(error.stack, failureCaps.stackChars),
  };
}
