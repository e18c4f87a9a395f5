import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CodeRunner, CompiledCode } from '../code/code-runner.js';
import { stripTypes } from '../sandbox/strip-types.js';
import { generatorRefusal, type ParsedFunction, parseFunction } from './parse-function.js';

/** Parameter names of accepted code, reading TypeScript through the type stripper. */
function parseForNames(source: string): ParsedFunction {
  for (const attempt of [() => source, () => stripTypes(source)]) {
    try {
      return parseFunction(attempt());
    } catch {
      // try the next form
    }
  }
  // The runner accepted a form we cannot parse: names come from the original signature.
  return { source, name: undefined, parameterNames: [], restName: undefined, isAsync: false };
}

/** One compiled version of a code parameter's source, or why it does not compile. */
export type CodeVersion =
  | {
      readonly ok: true;
      readonly source: string;
      readonly parsed: ParsedFunction;
      readonly code: CompiledCode;
    }
  | { readonly ok: false; readonly source: string; readonly error: CodeExecutionError };

/**
 * Compiles each new version of a code parameter once and reuses it until the source changes. The
 * previous version's resources are released when a new one is compiled. A proposal checked with
 * `check` is kept aside (the live version is untouched) and promoted if the parameter takes it.
 */
export class CodeVersionCache {
  #current: CodeVersion | undefined;
  #candidate: CodeVersion | undefined;

  constructor(
    private readonly runner: CodeRunner,
    private readonly operatorName: string,
  ) {}

  /** The compiled version for `source`, compiling it if it changed since the last call. */
  versionFor(source: string): CodeVersion {
    const current = this.#current;
    if (current !== undefined && current.source === source) return current;
    if (current?.ok) current.code.dispose();
    const candidate = this.#candidate;
    this.#candidate = undefined;
    if (candidate !== undefined && candidate.source === source) {
      this.#current = candidate;
    } else {
      if (candidate?.ok) candidate.code.dispose();
      this.#current = this.#compile(source);
    }
    return this.#current;
  }

  /** Compiles a proposed source without replacing the live version; it is reused if adopted. */
  check(source: string): CodeVersion {
    if (this.#current?.source === source) return this.#current;
    if (this.#candidate?.source === source) return this.#candidate;
    if (this.#candidate?.ok) this.#candidate.code.dispose();
    this.#candidate = this.#compile(source);
    return this.#candidate;
  }

  #compile(source: string): CodeVersion {
    try {
      const parsed = parseForNames(source);
      if (parsed.isGenerator) {
        return {
          ok: false,
          source,
          error: new CodeExecutionError({
            kind: 'syntax',
            message: generatorRefusal(this.operatorName),
          }),
        };
      }
      const code = this.runner.compile({ source, name: this.operatorName });
      return { ok: true, source, parsed, code };
    } catch (error) {
      const failure = CodeExecutionError.isInstance(error)
        ? error
        : new CodeExecutionError({
            kind: 'syntax',
            message: `The code does not compile: ${error instanceof Error ? error.message : String(error)}`,
            cause: error,
          });
      return { ok: false, source, error: failure };
    }
  }
}
