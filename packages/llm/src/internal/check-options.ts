import { ConfigurationError } from '../errors/configuration-error.js';

/**
 * Refuses an options object with keys the function does not know (a misspelt `maxRetry`, or `prices`
 * given to `createBudget`, would otherwise be ignored without a word). `where` names the function in
 * the error, which lists the unknown keys and the accepted ones. Also refuses a non-object.
 */
export function checkOptions(where: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError({
      message: `${where}: options must be an object with the keys ${known.join(', ')}; got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}.`,
    });
  }
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new ConfigurationError({
      message: `${where}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((key) => JSON.stringify(key)).join(', ')}. Accepted options: ${known.join(', ')}. Remove or rename ${unknown.length > 1 ? 'them' : 'it'}.`,
    });
  }
}
