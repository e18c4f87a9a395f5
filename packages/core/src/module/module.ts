import { readFile } from 'node:fs/promises';
import { bundle, type TracedFunction } from '../bundle/bundle.js';
import type { BundleOptions } from '../bundle/bundle-options.js';
import { checkCodeProposal, isCodeParameter } from '../bundle/code-parameters.js';
import { TraceError } from '../errors/trace-error.js';
import { isNode, type Node } from '../graph/node.js';
import { writeFileAtomic } from './atomic-write.js';
import { operatorsOf, registerNamed } from './operator-registry.js';
import { decodeValue, encodeValue, kindOf } from './parameter-values.js';

/** Format of files written by `Module#saveParameters`. */
export interface SavedParameters {
  readonly format: 'trace-parameters';
  /** 2 since values JSON lacks are tagged (`{ "$trace": "NaN" }`); version 1 files still load. */
  readonly version: 1 | 2;
  readonly parameters: Readonly<Record<string, unknown>>;
}

const codeSuffix = '.__code';

/**
 * Base class for traced workflows (PyTorch-like). It collects the trainable nodes held in its fields
 * (directly, in arrays, plain objects, Maps with string or number keys, or nested modules) and the code
 * parameters of its trainable operators. Trainable values held where they have no stable path (a Set,
 * an instance of another class) are not parameters: a warning says so once per field.
 *
 * @example
 * class QA extends Module {
 *   prompt = node('Answer briefly.', { trainable: true, name: 'prompt' });
 *   parse = this.operator(function parse(reply: string) { return reply.trim(); }, { trainable: true });
 * }
 * const qa = new QA();
 * const optimizer = new OptoPrime(qa.parameters(), { model });
 */
export class Module {
  /** The distinct trainable nodes of this module and its sub-modules. */
  parameters(): Node[] {
    return [...new Set(this.namedParameters().values())];
  }

  /** Trainable nodes by path (`prompt`, `policy.act.__code`); the keys used by save and load. */
  namedParameters(): Map<string, Node> {
    const found = new Map<string, Node>();
    collect(this, '', found, new Set());
    return found;
  }

  /**
   * A traced operator owned by this instance (type-safe alternative to the decorators): `this` inside
   * the function is the instance in trusted mode.
   */
  protected operator<A extends unknown[], R>(
    fn: (...args: A) => R,
    options: BundleOptions = {},
  ): TracedFunction<A, R> {
    const traced = bundle(fn, { ...options, thisArg: this });
    registerNamed(operatorsOf(this), traced.operator.name, traced as TracedFunction<any[], any>);
    return traced;
  }

  /**
   * Writes every parameter's value to `path` as JSON, atomically. Values JSON lacks (`undefined`, NaN,
   * ±Infinity, -0) are written as tagged objects, so `loadParameters` restores them exactly. A value
   * that is not plain data (a Map, a class instance, a function) is refused and nothing is written.
   */
  async saveParameters(path: string): Promise<void> {
    const parameters: Record<string, unknown> = {};
    for (const [name, parameter] of this.namedParameters()) {
      try {
        parameters[name] = encodeValue(parameter._data, name);
      } catch (error) {
        throw new TraceError(
          'PERSISTENCE',
          `Could not save parameters to ${path}; nothing was written: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const saved: SavedParameters = { format: 'trace-parameters', version: 2, parameters };
    await writeFileAtomic(path, `${JSON.stringify(saved, null, 2)}\n`);
  }

  /**
   * Reads values written by `saveParameters`. All or nothing: when the file names a parameter this
   * module lacks, or lacks one it has, or holds a value of another kind than the parameter's (a string
   * for a number), or code that does not compile, nothing changes and the error lists the differences.
   */
  async loadParameters(path: string): Promise<void> {
    let saved: SavedParameters;
    try {
      saved = JSON.parse(await readFile(path, 'utf8')) as SavedParameters;
    } catch (error) {
      throw new TraceError(
        'PERSISTENCE',
        `Could not read parameters from ${path}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const stored = (saved as { parameters?: unknown } | null)?.parameters;
    if (
      saved?.format !== 'trace-parameters' ||
      (saved.version !== 1 && saved.version !== 2) ||
      typeof stored !== 'object' ||
      stored === null ||
      Array.isArray(stored)
    ) {
      throw new TraceError(
        'PERSISTENCE',
        `${path} is not a parameter file written by Module#saveParameters (expected format 'trace-parameters', version 1 or 2, and an object of parameter values under "parameters"); nothing was loaded.`,
      );
    }
    const values = stored as Record<string, unknown>;
    const named = this.namedParameters();
    const unknown = Object.keys(values).filter((name) => !named.has(name));
    const missing = [...named.keys()].filter((name) => !Object.hasOwn(values, name));
    if (unknown.length > 0 || missing.length > 0) {
      throw new TraceError(
        'PERSISTENCE',
        `${path} does not match this module; nothing was loaded. ${unknown.length ? `In the file only: ${unknown.join(', ')}. ` : ''}${missing.length ? `In the module only: ${missing.join(', ')}.` : ''}`,
      );
    }
    const loaded = new Map<Node, unknown>();
    const problems: string[] = [];
    for (const [name, parameter] of named) {
      let value: unknown;
      try {
        value = saved.version === 1 ? values[name] : decodeValue(values[name]);
      } catch (error) {
        problems.push(`${name}: ${(error as Error).message}`);
        continue;
      }
      const expected = kindOf(parameter._data);
      const found = kindOf(value);
      if (expected !== found && expected !== 'undefined' && expected !== 'null') {
        problems.push(`${name} holds a ${expected} but the file has a ${found}`);
        continue;
      }
      if (isCodeParameter(parameter)) {
        const verdict = checkCodeProposal(parameter, value);
        if (!verdict.ok) {
          problems.push(`${name}: ${verdict.reason}`);
          continue;
        }
      }
      loaded.set(parameter, value);
    }
    if (problems.length > 0) {
      throw new TraceError(
        'PERSISTENCE',
        `${path} holds values these parameters cannot take; nothing was loaded. ${problems.join('; ')}.`,
      );
    }
    for (const [parameter, value] of loaded) parameter.data = value;
  }

  /** The current source of every trainable operator, as one text (the learned code). */
  exportCode(): string {
    const sections: string[] = [];
    for (const [name, parameter] of this.namedParameters()) {
      if (name.endsWith(codeSuffix)) {
        sections.push(`// ${name.slice(0, -codeSuffix.length)}\n${String(parameter._data)}\n`);
      }
    }
    return sections.join('\n');
  }
}

function collect(value: unknown, path: string, found: Map<string, Node>, seen: Set<unknown>): void {
  if (typeof value !== 'object' && typeof value !== 'function') return;
  if (value === null || seen.has(value)) return;
  seen.add(value);
  if (isNode(value)) {
    if (value.trainable) found.set(path || value.name, value);
    return;
  }
  const traced = value as Partial<TracedFunction<unknown[], unknown>>;
  if (typeof value === 'function') {
    if (traced.parameter) found.set(`${path}${codeSuffix}`, traced.parameter);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      collect(item, `${path}[${index}]`, found, seen);
    });
    return;
  }
  if (value instanceof Map) {
    for (const [key, item] of value) {
      if (typeof key === 'string' || typeof key === 'number') {
        collect(item, `${path}[${JSON.stringify(key)}]`, found, seen);
      } else if (holdsParameters(item)) {
        warnUnlisted(path, 'a Map entry whose key is not a string or a number');
      }
    }
    return;
  }
  if (value instanceof Set) {
    if ([...value].some(holdsParameters))
      warnUnlisted(path, 'a Set (its items have no stable path)');
    return;
  }
  const isModule = value instanceof Module;
  const prototype = Object.getPrototypeOf(value);
  if (!isModule && prototype !== Object.prototype && prototype !== null) {
    if (Object.values(value).some(holdsParameters)) {
      warnUnlisted(path, `an instance of ${value.constructor?.name ?? 'a class'} (not a Module)`);
    }
    return;
  }
  const prefix = path ? `${path}.` : '';
  for (const [key, item] of Object.entries(value)) collect(item, `${prefix}${key}`, found, seen);
  if (isModule) {
    for (const [name, operator] of operatorsOf(value).named)
      collect(operator, `${prefix}${name}`, found, seen);
  }
}

/** True for what would hold parameters: a trainable node, a trainable operator or a module. */
function holdsParameters(value: unknown): boolean {
  if (isNode(value)) return value.trainable;
  if (value instanceof Module) return true;
  return typeof value === 'function' && (value as { parameter?: unknown }).parameter !== undefined;
}

const warned = new Set<string>();

/** Warns once per place that trainable values held there are not parameters of the module. */
function warnUnlisted(path: string, holder: string): void {
  const message = `Module field '${path}' is ${holder} holding trainable nodes, operators or modules; they are not listed by parameters() and not saved. Hold them in a field, an array, a plain object, a Map with string keys, or a nested Module.`;
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, { code: 'TRACE_UNLISTED_PARAMETERS' });
}
