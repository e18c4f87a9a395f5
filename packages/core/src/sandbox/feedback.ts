import { CodeExecutionError } from '../code/code-execution-error.js';
import type { ExecutionLimits } from '../code/code-runner.js';
import { capText, failureCaps } from './failure-caps.js';
import type { CodeFrame } from './guest-error.js';
import { sourceExcerpt } from './source-excerpt.js';
import { type EncodeProblem, formatPath } from './wire-format.js';

/** What a failure message may mention about the code and its sandbox. */
export interface FeedbackContext {
  /** The source as submitted (lines are reported against it). */
  readonly source: string;
  /** The limits in force. */
  readonly limits: ExecutionLimits;
  /** Names of the host functions the code may call. */
  readonly hostFunctionNames: readonly string[];
}

/** The globals that exist in the sandbox, for messages. */
export const sandboxGlobalsSummary =
  'standard JavaScript built-ins (Object, Array, String, Number, Boolean, Math, JSON, Date, ' +
  'RegExp, Map, Set, WeakMap, Promise, Symbol, BigInt, the Error types, typed arrays, ' +
  'parseInt, parseFloat, isNaN, encodeURIComponent, atob, btoa, queueMicrotask, performance.now) ' +
  'and console.log (recorded, not printed)';

function hostFunctionsText(names: readonly string[]): string {
  return names.length === 0
    ? 'no host functions were provided'
    : `host functions: ${names.map((name) => `${name}()`).join(', ')}`;
}

/** `at line N` plus the line's text and the calling lines, from the innermost code frame. */
function location(source: string, frames: readonly CodeFrame[]): { line?: number; text: string } {
  const innermost = frames[0];
  if (innermost === undefined) return { text: '' };
  const callers = frames
    .slice(1, 4)
    .map((frame) => `line ${frame.line} (${frame.functionName})`)
    .join(', ');
  const calledFrom = callers === '' ? '' : `, called from ${callers}`;
  return {
    line: innermost.line,
    text: ` at line ${innermost.line}${calledFrom}${sourceExcerpt(source, innermost.line)}`,
  };
}

function consoleText(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return `\nConsole output before the failure:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

function failure(
  kind: CodeExecutionError['kind'],
  message: string,
  line: number | undefined,
  cause?: unknown,
): CodeExecutionError {
  return new CodeExecutionError({
    kind,
    message: capText(message, failureCaps.failureMessageChars),
    ...(line === undefined ? {} : { line }),
    cause,
  });
}

function megabytesOf(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** The code ran past its time limit. */
export function timeoutFailure(
  context: FeedbackContext,
  frames: readonly CodeFrame[],
  inPromiseJob: boolean,
  options: { stoppedFromOutside?: boolean } = {},
): CodeExecutionError {
  const innermost = frames[0];
  const phase = inPromiseJob
    ? ' in an async continuation (after an await or in a .then callback)'
    : '';
  const stuck = options.stoppedFromOutside
    ? ' It did not stop by itself at the limit, so the sandbox was restarted; this happens when ' +
      'the time goes into one long built-in operation (for example a search in a huge string, or ' +
      'join/reverse/copyWithin/sort on a huge or sparse array) or into very large data.'
    : '';
  const where =
    innermost === undefined
      ? ''
      : ` while running ${innermost.functionName} near line ${innermost.line}` +
        sourceExcerpt(context.source, innermost.line);
  return failure(
    'timeout',
    `Timeout: the code ran longer than the ${context.limits.timeoutMs} ms limit and was stopped${phase}` +
      `${where}${stuck}\nAvoid unbounded loops and unbounded recursion: make sure every loop terminates, ` +
      'and do less work per call.',
    innermost?.line,
  );
}

/** The code allocated more than its memory limit. */
export function memoryFailure(
  context: FeedbackContext,
  frames: readonly CodeFrame[],
  detail: string,
): CodeExecutionError {
  const where = location(context.source, frames);
  const megabytes = megabytesOf(context.limits.memoryBytes);
  return failure(
    'memory',
    `Memory limit: the code needed more than the ${megabytes} MB it may use (${detail})` +
      `${where.text}\nBuild smaller data: avoid huge arrays, strings or buffers and ` +
      'collections that grow without bound.',
    where.line,
  );
}

/** The code recursed too deeply. */
export function stackOverflowFailure(
  context: FeedbackContext,
  frames: readonly CodeFrame[],
  options: { cause?: unknown; depthLimit?: string } = {},
): CodeExecutionError {
  const where = location(context.source, frames);
  const limit = options.depthLimit === undefined ? '' : ` (${options.depthLimit})`;
  return failure(
    'stack-overflow',
    `Stack overflow: the recursion went too deep${limit}${where.text}` +
      '\nMake sure the recursion reaches its base case, or use a loop with an explicit stack.',
    where.line,
    options.cause,
  );
}

/** The code referred to a host global (process, require, fetch...) the sandbox does not have. */
export function unavailableGlobalFailure(
  context: FeedbackContext,
  name: string,
  frames: readonly CodeFrame[],
  consoleLines: readonly string[],
): CodeExecutionError {
  const where = location(context.source, frames);
  return failure(
    'unavailable-global',
    `\`${name}\` is not available in the sandbox${where.text}\nThe sandbox has no Node.js or ` +
      'browser APIs: no process, require, import(), fetch, fs, timers, network or file system. ' +
      `Only these globals exist: ${sandboxGlobalsSummary}; ${hostFunctionsText(context.hostFunctionNames)}. ` +
      `Compute the result from the arguments with these only.${consoleText(consoleLines)}`,
    where.line,
  );
}

/** The code threw (or its promise rejected). */
export function thrownFailure(
  context: FeedbackContext,
  thrown: { isError: boolean; name: string; message: string },
  frames: readonly CodeFrame[],
  consoleLines: readonly string[],
): CodeExecutionError {
  const where = location(context.source, frames);
  const what = thrown.isError
    ? `${thrown.name || 'Error'}: ${thrown.message}`
    : `the value ${thrown.message} (not an Error object)`;
  const thisHint =
    thrown.name === 'TypeError' &&
    /undefined/.test(thrown.message) &&
    /\bthis\b/.test(context.source)
      ? '\n`this` is undefined in sandboxed code (it runs in strict mode, called without a ' +
        'receiver): pass what the function needs as arguments instead of reading `this`.'
      : '';
  return failure(
    'thrown',
    `The code threw ${what}${where.text}${thisHint}\nFix the cause, or handle this case in the code.` +
      consoleText(consoleLines),
    where.line,
  );
}

const problemAdvice: Record<string, string> = {
  function: 'a function; functions cannot cross the sandbox boundary',
  symbol: 'a symbol; use a string instead',
  bigint: 'a BigInt; convert it with Number(value) or String(value)',
  circular: 'a circular reference',
  'too deep': 'nested too deeply; flatten the data',
  Map: 'a Map; convert it with Object.fromEntries(map) or Array.from(map)',
  Set: 'a Set; convert it with Array.from(set)',
  Promise: 'a Promise; await it before returning',
  Error: 'an Error object; return error.message instead',
  RegExp: 'a RegExp; return its source string instead',
  'typed array': 'a typed array; convert it with Array.from(value)',
};

function problemText(root: string, problem: EncodeProblem): string {
  const path = formatPath(root, problem.path);
  let advice = problemAdvice[problem.found] ?? `a ${problem.found}; convert it to plain data`;
  if (problem.found === 'circular' && problem.target !== undefined) {
    advice = `a circular reference back to ${formatPath(root, problem.target)}`;
  }
  return `${path} is ${advice}`;
}

const jsonLike =
  'only JSON-like data can cross it: null, booleans, numbers, strings, arrays and plain objects ' +
  '(undefined, NaN and Infinity are kept)';

/** The result was too large to copy out of the sandbox (the copy counts against the memory limit). */
export function resultTooLargeFailure(context: FeedbackContext): CodeExecutionError {
  return failure(
    'memory',
    `Memory limit: the code's result is too large to copy out of the sandbox (copying it needs ` +
      `memory too, and the code may use ${megabytesOf(context.limits.memoryBytes)} MB in all).\n` +
      'Return less data: a summary, or only the part the caller needs.',
    undefined,
  );
}

/**
 * The arguments are too large to enter the sandbox: an input failure, not caused by the code (which
 * did not run). The VM is kept.
 */
export function argumentTooLargeFailure(
  context: FeedbackContext,
  characters: number | undefined,
): CodeExecutionError {
  const size = characters === undefined ? '' : ` (${characters} characters as data)`;
  return failure(
    'unserializable-argument',
    `The arguments are too large to enter the sandbox${size}: they do not fit in its ` +
      `${megabytesOf(context.limits.memoryBytes)} MB memory limit. This is not caused by the code, ` +
      'which did not run. Pass smaller inputs, or raise memoryBytes for this operator.',
    undefined,
  );
}

/** The code's result cannot leave the sandbox. */
export function unserializableResultFailure(
  problem: EncodeProblem,
  consoleLines: readonly string[],
): CodeExecutionError {
  return failure(
    'unserializable-result',
    `The result cannot leave the sandbox: ${problemText('result', problem)}. Return data instead: ` +
      `${jsonLike}.${consoleText(consoleLines)}`,
    undefined,
  );
}

/** An argument given to the code cannot enter the sandbox (a problem of the caller, not the code). */
export function unserializableArgumentFailure(
  root: string,
  problem: EncodeProblem,
): CodeExecutionError {
  return failure(
    'unserializable-argument',
    `An argument cannot enter the sandbox: ${problemText(root, problem)}. Pass data instead: ` +
      `${jsonLike}. To let sandboxed code call host functions, pass them in hostFunctions; to close ` +
      'over host objects, use the trusted runner.',
    undefined,
  );
}

/** The code's promise neither resolved nor rejected once all pending work had run. */
export function neverSettledFailure(): CodeExecutionError {
  return failure(
    'never-settled',
    'The promise returned by the code never settled: once all pending work had run it was ' +
      'neither resolved nor rejected. The sandbox has no timers, network or I/O, so nothing else ' +
      'can settle it later. Make sure every promise the code creates or awaits is resolved or ' +
      'rejected (for example, call resolve() in every branch of new Promise(...)).',
    undefined,
  );
}

/** The sandbox itself failed; not the code's fault. */
export function internalFailure(detail: string, cause?: unknown): CodeExecutionError {
  return failure(
    'internal',
    `The sandbox failed internally (${detail}). This was not caused by the code; run it again.`,
    undefined,
    cause,
  );
}
