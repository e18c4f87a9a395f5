import { resolveRunner } from '../code/resolve-runner.js';
import {
  callInAsyncFrame,
  callInSyncFrame,
  currentContext,
  type OperatorFrame,
  operatorFrameOf,
  type TraceContext,
  takeNameIndex,
} from '../context/trace-context.js';
import { TraceError } from '../errors/trace-error.js';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { defaultBase } from '../graph/create-node.js';
import { ExceptionNode } from '../graph/exception-node.js';
import { MessageNode } from '../graph/message-node.js';
import { isNode, Node, type NodeInput } from '../graph/node.js';
import type { OperatorInfo } from '../graph/operator-info.js';
import type { BundleOptions } from './bundle-options.js';
import { registerCodeParameter } from './code-parameters.js';
import { CodeVersionCache } from './code-version.js';
import { describeOperatorError } from './error-report.js';
import { locateErrorLine } from './locate-error-line.js';
import {
  generatorRefusal,
  inputNamesFor,
  type ParsedFunction,
  parseFunction,
} from './parse-function.js';
import { stripNameHelpers } from './strip-name-helpers.js';

/** Arguments of a traced function: each may be a plain value or a node holding one. */
export type TracedArguments<A extends readonly unknown[]> = { [K in keyof A]: NodeInput<A[K]> };

/** What a traced function returns: a message node, or a promise of one for async functions. */
export type TracedResult<R> = 0 extends 1 & R
  ? MessageNode<any> // R is `any`: assume a synchronous operator
  : [R] extends [PromiseLike<infer U>]
    ? Promise<MessageNode<U>>
    : MessageNode<R>;

/** A function turned into a traced operator by `bundle()`. */
export interface TracedFunction<A extends readonly unknown[], R> {
  (...args: TracedArguments<A>): TracedResult<R>;
  /** What the operator records on its nodes (name, description, input names, source). */
  readonly operator: OperatorInfo;
  /** The code parameter holding the operator's source, when the operator is trainable. */
  readonly parameter: Node<string> | undefined;
}

type Callable = (...values: any[]) => unknown;

const codeInputName = '__code';

/**
 * Turns a function into a traced operator. Calling it with plain values or nodes runs the function on
 * the values and returns a `MessageNode` that records the inputs by parameter name, the operator's
 * description and its source. With `trainable: true` the source becomes a parameter that optimizers
 * rewrite; the next call runs the new code (in the WASM sandbox unless `execution: 'trusted'`).
 *
 * Inside an operator, other operators run as plain functions on plain values and record nothing.
 *
 * @example
 * const scale = bundle(function scale(value: number, factor: number) { return value * factor; }, {
 *   description: 'Multiplies value by factor.',
 *   derivative: ([value, factor]) => [factor as number, value as number],
 * });
 * const y = scale(x, 3); // MessageNode<number>, name 'scale:0', inputs { value: x, factor: number:0 }
 */
export function bundle<A extends unknown[], R>(
  fn: (...args: A) => R,
  options: BundleOptions = {},
): TracedFunction<A, R> {
  if (isGeneratorFunction(fn)) throw new TraceError('INVALID_ARGUMENT', generatorRefusal(fn.name));
  const knownName = options.name ?? usableName(fn.name);
  // What the operator records (its source, input names and description) needs the function parsed.
  // An operator that is not trainable and has a name is described on first use instead of here, so
  // defining operators (the package's own, at import) loads no parser.
  let operator: OperatorInfo | undefined;
  let originalParsed: ParsedFunction | undefined;
  let declaredAsync = false;
  let name = knownName ?? 'operator';
  let codeParameter: Node<string> | undefined;

  /** Parses `fn` and fills in what the operator records. */
  function describeOperator(): OperatorInfo {
    const parsedSource = parseOrFallback(fn);
    if (parsedSource.isGenerator) {
      throw new TraceError('INVALID_ARGUMENT', generatorRefusal(fn.name));
    }
    if (options.trainable && /\{\s*\[native code\]\s*\}\s*$/.test(parsedSource.source)) {
      throw new TraceError(
        'INVALID_ARGUMENT',
        `Operator '${usableName(fn.name) ?? 'operator'}' cannot be trainable: a bound or native function has no source to train. Pass the function itself (not \`fn.bind(...)\`) and give \`this\` with the \`thisArg\` option.`,
      );
    }
    // fn.name first: transpilers that rename functions (esbuild, tsx) keep the real name there.
    name = knownName ?? parsedSource.name ?? 'operator';
    const parsed = restoreRenamedHeader(
      { ...parsedSource, source: stripNameHelpers(parsedSource.source) },
      name,
    );
    const description =
      options.description ??
      `[${name}] Computes ${name}(${parsed.parameterNames.join(', ')})${options.trainable ? '; its code is trainable' : ''}.`;
    codeParameter = options.trainable
      ? new Node<string>(
          parsed.source,
          `__code_${name}`,
          undefined,
          true,
          `[code] The source of operator '${name}'. Changing it changes what '${name}' computes.`,
        )
      : undefined;
    originalParsed = parsed;
    currentParsed = parsed;
    // The declared type promises a promise for async functions: keep that promise in every mode
    // (the sandbox settles async code before returning) and for failures too.
    declaredAsync = parsed.isAsync;
    operator = {
      name,
      description,
      inputNames: parsed.parameterNames,
      source: parsed.source,
      derivative: options.derivative,
      codeParameter,
    };
    return operator;
  }

  // The function to run for the current version of the code, kept until the code changes.
  let currentSource: string | undefined;
  let currentTarget: Callable = fn as Callable;
  let currentParsed: ParsedFunction | undefined;
  let currentFailure: unknown;

  if (options.trainable || knownName === undefined) describeOperator();
  const runner = codeParameter
    ? resolveRunner(options.execution ?? 'sandbox', options.sandbox)
    : undefined;
  const codeCache = runner ? new CodeVersionCache(runner, name) : undefined;
  if (codeParameter && codeCache)
    registerCodeParameter(codeParameter, { operatorName: name, cache: codeCache });
  const catchErrors = options.catchExecutionError ?? true;
  // Sandboxed code cannot receive host objects: `this` exists for trusted code only.
  const thisArg = runner?.kind === 'sandbox' ? undefined : options.thisArg;
  const allowExternal = options.allowExternalDependencies ?? false;
  const synchronous = synchronousFunctions.has(fn);

  /** Points `currentTarget` at the code parameter's current version (compiling it once). */
  function refreshCode(): void {
    if (codeParameter === undefined || codeCache === undefined) return;
    const source = codeParameter._data;
    if (source === currentSource) return;
    currentSource = source;
    const version = codeCache.versionFor(source);
    if (!version.ok) {
      currentFailure = version.error;
      currentTarget = () => undefined;
      currentParsed = originalParsed;
      return;
    }
    currentFailure = undefined;
    // Failures of compiled code carry their line in the proposed source (CodeExecutionError.line).
    currentTarget = (...values: unknown[]) => version.code.call(values, thisArg);
    currentParsed =
      version.parsed.parameterNames.length > 0 || version.parsed.restName
        ? version.parsed
        : originalParsed;
  }

  /** Runs `work`; for an async-declared operator, its result or failure as a promise. */
  function settle(work: () => unknown): unknown {
    if (!declaredAsync) return work();
    return new Promise((resolve) => resolve(work()));
  }

  /**
   * Calls the current code in an async-local context whose operator frame is `frame`, for sync and
   * async functions alike: a plain function that returns a promise (or calls `.then`) keeps the frame
   * in the code that runs after its first await, so hidden reads are still caught there and nested
   * operators still run as plain functions.
   */
  function runInFrame(frame: OperatorFrame, context: TraceContext, values: unknown[]): unknown {
    return callInAsyncFrame(
      { names: context.names, tracing: context.tracing, operator: frame },
      currentTarget,
      thisArg,
      values,
    );
  }

  /** Called inside another operator: a plain call on plain values. */
  function nestedCall(args: unknown[]): unknown {
    return settle(() => {
      for (let position = 0; position < args.length; position += 1) {
        const arg = args[position];
        if (isNode(arg)) args[position] = arg.data;
      }
      refreshCode();
      if (currentFailure !== undefined) throw currentFailure;
      return Reflect.apply(currentTarget, thisArg, args);
    });
  }

  // The hot path of every traced call. It creates no closure (the slow paths are functions of their
  // own) and looks the async-local context up once: on graphs of millions of operations, what each
  // call allocates is what the garbage collector spends its time on.
  const traced = (...args: unknown[]): unknown => {
    const info = operator ?? describeOperator();
    const context = currentContext();
    if (operatorFrameOf(context) !== undefined) return nestedCall(args);
    refreshCode();
    if (!context.tracing) return untracedCall(args, context);

    // Inputs: nodes as given, plain values wrapped as constants (in place: no extra array).
    const names = context.names;
    const count = args.length;
    const values = new Array<unknown>(count);
    for (let position = 0; position < count; position += 1) {
      let arg = args[position];
      if (!isNode(arg)) {
        const base = defaultBase(arg);
        arg = new Node(
          arg,
          base,
          undefined,
          false,
          undefined,
          undefined,
          takeNameIndex(names, base),
        );
        args[position] = arg;
      }
      values[position] = (arg as Node)._data;
    }
    let inputs = args as Node[];
    let inputNames =
      count === info.inputNames.length && currentParsed === originalParsed
        ? info.inputNames
        : inputNamesFor(currentParsed!, count);
    if (codeParameter) {
      inputs = [...inputs, codeParameter];
      inputNames = [...inputNames, codeInputName];
    }
    // The output's name is taken when the call starts: names follow call order, not completion order.
    const index = takeNameIndex(names, name);
    if (currentFailure !== undefined) {
      return failLater(currentFailure, undefined, inputs, inputNames, undefined, index);
    }

    const frame: OperatorFrame = {
      operatorName: name,
      inputs,
      external: allowExternal ? new Set() : undefined,
    };
    let result: unknown;
    try {
      result = synchronous
        ? callInSyncFrame(frame, currentTarget, thisArg, values)
        : runInFrame(frame, context, values);
    } catch (error) {
      return failLater(error, currentParsed!.name, inputs, inputNames, frame, index);
    }
    if (isPromiseLike(result)) return finishAsync(result, inputs, inputNames, frame, index);
    if (declaredAsync) return settle(() => finish(result, inputs, inputNames, frame, index));
    return finish(result, inputs, inputNames, frame, index);
  };

  /** A call inside `noTrace()` (see `untraced`), as a promise for an async-declared operator. */
  function untracedCall(args: unknown[], context: TraceContext): unknown {
    return settle(() => untraced(args, context));
  }

  /** A failure of the call (`fail`), thrown or, for an async-declared operator, as a rejection. */
  function failLater(
    error: unknown,
    functionName: string | undefined,
    inputs: Node[],
    inputNames: readonly string[],
    frame: OperatorFrame | undefined,
    index: number,
  ): unknown {
    return settle(() => fail(error, functionName, inputs, inputNames, frame, index));
  }

  /** The output of a call whose code returned a promise, once it settles. */
  function finishAsync(
    result: PromiseLike<unknown>,
    inputs: Node[],
    inputNames: readonly string[],
    frame: OperatorFrame,
    index: number,
  ): Promise<MessageNode> {
    const functionName = currentParsed!.name;
    return Promise.resolve(result).then(
      (value) => finish(value, inputs, inputNames, frame, index),
      (error: unknown) => fail(error, functionName, inputs, inputNames, frame, index),
    );
  }

  /**
   * Inside `noTrace()`: compute, and return a plain node with no parents. The code runs in an operator
   * frame as when traced, so nested operators run as plain functions on plain values and hidden reads
   * fail the same way.
   */
  function untraced(args: unknown[], context: TraceContext): unknown {
    if (currentFailure !== undefined) throw currentFailure;
    const inputs: Node[] = [];
    const values = args.map((arg) => {
      if (!isNode(arg)) return arg;
      inputs.push(arg);
      return arg._data;
    });
    const frame: OperatorFrame = {
      operatorName: name,
      inputs,
      external: allowExternal ? new Set() : undefined,
    };
    const result = runInFrame(frame, context, values);
    const plainNode = (value: unknown) => new Node(resultValue(value, frame), name);
    return isPromiseLike(result) ? Promise.resolve(result).then(plainNode) : plainNode(result);
  }

  function finish(
    value: unknown,
    inputs: Node[],
    inputNames: readonly string[],
    frame: OperatorFrame,
    index: number,
  ): MessageNode {
    const data = resultValue(value, frame);
    if (frame.external === undefined) {
      return new MessageNode(data, operator!, inputs, inputNames, index);
    }
    const external = externalInputs(frame, inputs);
    if (external.length === 0) return new MessageNode(data, operator!, inputs, inputNames, index);
    return new MessageNode(
      data,
      operator!,
      [...inputs, ...external],
      [...inputNames, ...external.map((node) => node.label)],
      index,
    );
  }

  function fail(
    error: unknown,
    functionName: string | undefined,
    inputs: Node[],
    inputNames: readonly string[],
    frame: OperatorFrame | undefined,
    index: number,
  ): never {
    if (
      TraceError.isInstance(error) &&
      (error.code === 'MISSING_INPUT' || error.code === 'EXECUTION')
    ) {
      // A programming error (hidden dependency) or a nested operator's failure: not this call's feedback.
      throw error;
    }
    if (!catchErrors) throw error;
    const reportedLine = (error as { line?: unknown } | null)?.line;
    const line =
      typeof reportedLine === 'number' ? reportedLine : locateErrorLine(error, functionName);
    const source = codeParameter ? codeParameter._data : originalParsed!.source;
    const text = describeOperatorError(error, { operatorName: name, source, line });
    const external = frame ? externalInputs(frame, inputs) : [];
    const exception = new ExceptionNode(
      text,
      error,
      operator!,
      [...inputs, ...external],
      [...inputNames, ...external.map((node) => node.label)],
      index, // `exception_<name>:<index>` pairs with the output this call would have made
    );
    throw new TraceExecutionError(exception);
  }

  Object.defineProperties(traced, {
    operator: { get: () => operator ?? describeOperator(), enumerable: true },
    parameter: { value: codeParameter, enumerable: true },
    name: { value: name },
  });
  return traced as unknown as TracedFunction<A, R>;
}

/** Functions of built-in operators that finish all their work before they return. */
const synchronousFunctions = new WeakSet<object>();

/**
 * @internal `bundle()` for a built-in operator whose function is this package's own synchronous code
 * on plain values (arithmetic, comparisons). Its calls publish their operator frame in a plain
 * variable for the duration of the call instead of entering an async-local context, which costs more
 * than the rest of such a call: the frame then covers everything the function does, since it schedules
 * nothing for later. Functions that call user code which may (`callMethod`, `getAttr`, and every
 * function a user bundles) keep the async-local frame.
 */
export function bundleSynchronous<A extends unknown[], R>(
  fn: (...args: A) => R,
  options: BundleOptions = {},
): TracedFunction<A, R> {
  synchronousFunctions.add(fn);
  return bundle(fn, options);
}

/**
 * The value an operator's output holds when its function returned `value`. Returning a node is
 * reading it, also as a direct item of a returned array or record: a node the call did not receive is
 * a hidden dependency (MISSING_INPUT), or an extra input with `allowExternalDependencies` whose value
 * takes its place, exactly as when its `data` is read inside the function.
 */
function resultValue(value: unknown, frame: OperatorFrame): unknown {
  if (isNode(value)) return readReturned(value, frame);
  if (Array.isArray(value)) {
    if (!value.some(isNode)) return value;
    return value.map((item) => (isNode(item) ? readReturned(item, frame) : item));
  }
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const entries = Object.entries(value);
    if (!entries.some(([, item]) => isNode(item))) return value;
    const record: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      Object.defineProperty(record, key, {
        value: isNode(item) ? readReturned(item, frame) : item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return record;
  }
  return value;
}

function readReturned(value: Node, frame: OperatorFrame): unknown {
  if (!frame.inputs.includes(value)) {
    if (frame.external === undefined) {
      throw new TraceError(
        'MISSING_INPUT',
        `Operator '${frame.operatorName}' returned node '${value.name}' without receiving it as an argument, which would hide a dependency from the graph. Pass '${value.name}' as an argument, or bundle the operator with { allowExternalDependencies: true } to record it as an extra input.`,
      );
    }
    frame.external.add(value);
  }
  return value._data;
}

/** Nodes read inside the call that were not among its inputs (allowExternalDependencies). */
function externalInputs(frame: OperatorFrame, inputs: readonly Node[]): Node[] {
  if (frame.external === undefined || frame.external.size === 0) return [];
  return [...frame.external].filter((node) => !inputs.includes(node));
}

/**
 * Transpilers may rename a function (`act` becomes `act2`) while keeping the real name in `fn.name`.
 * The source is what optimizers read, so the header gets the real name back when the renamed one is
 * `<name><digits>` and is not used anywhere else in the body.
 */
function restoreRenamedHeader(parsed: ParsedFunction, name: string): ParsedFunction {
  const renamed = parsed.name;
  if (renamed === undefined || renamed === name || !/^[A-Za-z_$][\w$]*$/.test(name)) return parsed;
  // Identifiers can hold `$`, the only regular-expression metacharacter they allow.
  const escapeDollar = (text: string) => text.replace(/\$/g, '\\$');
  if (!new RegExp(`^${escapeDollar(name)}\\d+$`).test(renamed)) return parsed;
  const header = new RegExp(`\\bfunction(\\s*\\*?\\s*)${escapeDollar(renamed)}\\s*\\(`);
  const uses = parsed.source.split(renamed).length - 1;
  if (uses !== 1 || !header.test(parsed.source)) return parsed;
  return { ...parsed, name, source: parsed.source.replace(header, `function$1${name}(`) };
}

/** Generator functions (sync or async), recognized without parsing their source. */
function isGeneratorFunction(fn: (...args: any[]) => unknown): boolean {
  return /GeneratorFunction$/.test(fn.constructor?.name ?? '');
}

function parseOrFallback(fn: (...args: any[]) => unknown): ParsedFunction {
  try {
    return parseFunction(fn.toString());
  } catch {
    // Native or bound functions print no parsable source.
    const parameterNames = Array.from({ length: fn.length }, (_, position) => `arg${position}`);
    return {
      source: fn.toString(),
      name: usableName(fn.name),
      parameterNames,
      restName: 'arg',
      isAsync: fn.constructor?.name === 'AsyncFunction',
      isGenerator: /GeneratorFunction$/.test(fn.constructor?.name ?? ''),
    };
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * A function name worth using as an operator name: a bound function's `bound ` prefixes are dropped
 * (`bound act` is `act`), and empty or anonymous names are not names.
 */
function usableName(name: string): string | undefined {
  const unbound = name.replace(/^(bound )+/, '');
  if (unbound === '' || unbound === 'anonymous') return undefined;
  return unbound;
}
