import { ConfigurationError } from '../errors/configuration-error.js';

/** The longest delay a Node timer honours (2^31 - 1 ms, about 24.8 days); longer ones fire after 1 ms. */
export const maxTimerMs = 2 ** 31 - 1;

/**
 * Checks a timeout setting: a number of milliseconds greater than 0 and at most {@link maxTimerMs}, or
 * `Infinity` for no deadline. Returns it unchanged; throws a `ConfigurationError` naming `setting`
 * otherwise (NaN, 0, negative, a string, or a finite value a timer cannot hold, which Node would fire
 * after 1 ms).
 */
export function checkTimeoutMs(setting: string, value: unknown): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  if (typeof value !== 'number' || !(value > 0) || value > maxTimerMs) {
    throw new ConfigurationError({
      message: `${setting} must be a number of milliseconds greater than 0 and at most ${maxTimerMs} (about 24.8 days), or Infinity for no deadline; got ${describeValue(value)}.`,
    });
  }
  return value;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || value === undefined || value === null) return String(value);
  return typeof value;
}
