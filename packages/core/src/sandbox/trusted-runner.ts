import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CodeRunner, CodeRunnerOptions, CompiledCode } from '../code/code-runner.js';
import { endSentence } from '../errors/end-sentence.js';
import { type FeedbackContext, stackOverflowFailure, thrownFailure } from './feedback.js';
import { normalizeFunctionSource } from './function-source.js';
import { codeFrames } from './guest-error.js';
import { resolveOptions } from './resolve-options.js';
import { checkCompileRequest } from './sandbox-runner.js';
import { sourceExcerpt } from './source-excerpt.js';

/** Lines V8 puts before the body of a `new Function(...)`: `(function anonymous(...\n) {\n`. */
const functionHeaderLines = 2;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Maps an error thrown in-process by the code to the same failures the sandbox reports. */
function classifyHostError(
  context: FeedbackContext,
  fileName: string,
  error: unknown,
): CodeExecutionError {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const frames = codeFrames(stack, fileName).map((frame) => ({
    functionName: frame.functionName.replace(/^Object\./, ''),
    line: frame.line - functionHeaderLines,
  }));
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return stackOverflowFailure(context, frames, { cause: error });
  }
  const thrown =
    error instanceof Error
      ? { isError: true, name: error.name, message: error.message }
      : {
          isError: false,
          name: '',
          message: typeof error === 'string' ? JSON.stringify(error) : String(error),
        };
  const failure = thrownFailure(context, thrown, frames, []);
  return new CodeExecutionError({
    kind: failure.kind,
    message: failure.message,
    ...(failure.line === undefined ? {} : { line: failure.line }),
    cause: error,
  });
}

function settleWithin<T>(
  promise: PromiseLike<T>,
  timeoutMs: number,
  onTimeout: () => Error,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Creates a runner that executes code IN THIS PROCESS (through `new Function`), for speed or when
 * the code must close over host objects. It is NOT a sandbox: the code can read environment
 * variables, files and the network, change any object, and a loop that never ends hangs the
 * process (the time limit applies only to promises, which are rejected after `timeoutMs`; the
 * memory limit does not apply). Use it only for code you would run yourself.
 *
 * Arguments and results pass by reference, uncopied. `hostFunctions` are in scope under their
 * names, as in the sandbox. An `async` function's call returns a Promise. Failures are
 * `CodeExecutionError`s classified like the sandbox's where possible ('syntax' with the line,
 * 'thrown' with the line in the submitted source, 'stack-overflow', 'timeout' for a promise that
 * does not settle in time).
 *
 * @example
 * const runner = createTrustedRunner({ hostFunctions: { lookup: (key: string) => cache.get(key) } });
 * const code = runner.compile({ name: 'act', source: 'function act(key) { return lookup(key); }' });
 * code.call(['a']);
 */
export function createTrustedRunner(options?: CodeRunnerOptions): CodeRunner {
  const resolved = resolveOptions(options);
  const names = resolved.hostFunctionNames;
  const values = names.map((name) => resolved.hostFunctions[name]);
  return {
    kind: 'trusted',
    compile(request): CompiledCode {
      checkCompileRequest(request);
      const normalized = normalizeFunctionSource(request.source);
      const fileName = `trace-code/${request.name.replace(/[^\w.-]/g, '_') || 'code'}.js`;
      const context: FeedbackContext = {
        source: request.source,
        limits: resolved.limits,
        hostFunctionNames: names,
      };
      let fn: (...args: unknown[]) => unknown;
      try {
        const body = `return ${normalized.expression};\n//# sourceURL=${fileName}`;
        fn = new Function(...names, body)(...values) as typeof fn;
      } catch (error) {
        throw new CodeExecutionError({
          kind: 'syntax',
          message: `${endSentence(error instanceof Error ? error.message : String(error))} Fix the syntax.${sourceExcerpt(request.source, undefined)}`,
          cause: error,
        });
      }
      let disposed = false;
      return {
        call(args, thisArg) {
          if (disposed) {
            throw new CodeExecutionError({
              kind: 'internal',
              message: 'call() after dispose(); compile the source again.',
            });
          }
          let result: unknown;
          try {
            result = fn.apply(thisArg, [...args]);
          } catch (error) {
            throw classifyHostError(context, fileName, error);
          }
          if (!isThenable(result)) return result;
          return settleWithin(result, resolved.limits.timeoutMs, () => {
            return new CodeExecutionError({
              kind: 'timeout',
              message:
                `Timeout: the promise returned by the code did not settle within ${resolved.limits.timeoutMs} ms. ` +
                'Make sure every promise it awaits is resolved or rejected, and do less work per call.',
            });
          }).catch((error: unknown) => {
            throw CodeExecutionError.isInstance(error)
              ? error
              : classifyHostError(context, fileName, error);
          });
        },
        dispose() {
          disposed = true;
        },
      };
    },
  };
}
