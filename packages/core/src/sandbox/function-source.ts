import type { Node, Program } from 'acorn';
import { parse } from '../bundle/acorn-parser.js';
import { CodeExecutionError } from '../code/code-execution-error.js';
import { endSentence } from '../errors/end-sentence.js';
import { type ParserLocation, parserLocation, parserMessage } from './parser-location.js';
import { sourceExcerpt } from './source-excerpt.js';
import { stripTypes } from './strip-types.js';

/** A submitted function, rewritten as one JavaScript expression that evaluates to it. */
export interface NormalizedFunction {
  /**
   * JavaScript expression whose value is the function. Line N of it is line N of the submitted
   * source, so stack-trace lines need no translation.
   */
  readonly expression: string;
  /** How the function was written. */
  readonly form: 'declaration' | 'expression' | 'arrow' | 'method';
  /** The function's own name, when it has one. */
  readonly name: string | undefined;
  /** Whether the function is `async`. */
  readonly isAsync: boolean;
  /** 'typescript' when types had to be stripped before it parsed as JavaScript. */
  readonly language: 'javascript' | 'typescript';
}

type Form = NormalizedFunction['form'];
type FunctionNode = Node & { id?: { name: string } | null; async: boolean };
type AnyNode = Node & Record<string, any>;

const onlyOneFunction =
  'The code must be exactly one function: a function declaration (`function act(map) {...}`), ' +
  'a function expression, an arrow function or a method (`act(map) {...}`). Put helper ' +
  'functions and constants inside its body.';
const methodPrefix = '({';
const methodSuffix = '\n})';

class ParseFailure {
  constructor(
    readonly error: unknown,
    readonly location: ParserLocation | undefined,
  ) {}
}

/** Whether `error` is the host running out of stack (deeply nested code in a recursive parser). */
function isStackExhaustion(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** The code nests deeper than the host-side parsers can follow. */
function nestedTooDeeply(source: string, cause: unknown): CodeExecutionError {
  return new CodeExecutionError({
    kind: 'syntax',
    message:
      'The code could not be read: the code is nested too deeply (brackets, parentheses or ' +
      'blocks inside each other thousands of levels deep). Build deep data with a loop instead ' +
      `of writing it out as a literal, and keep nesting shallow.${sourceExcerpt(source, 1)}`,
    cause,
  });
}

function parseProgram(code: string, lineOneShift: number): Program | ParseFailure {
  try {
    return parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      preserveParens: true,
      locations: true,
    });
  } catch (error) {
    if (isStackExhaustion(error)) throw nestedTooDeeply(code, error);
    return new ParseFailure(error, shiftLineOne(parserLocation(error), lineOneShift));
  }
}

function unwrapParentheses(node: AnyNode): AnyNode {
  let current = node;
  while (current.type === 'ParenthesizedExpression') current = current.expression as AnyNode;
  return current;
}

function structureError(source: string, detail: string, line: number): CodeExecutionError {
  return new CodeExecutionError({
    kind: 'syntax',
    message: `${detail} (line ${line}). ${onlyOneFunction}${sourceExcerpt(source, line)}`,
    line,
  });
}

function describeStatement(node: AnyNode): string {
  if (node.type === 'ClassDeclaration') return 'a class';
  if (node.type === 'VariableDeclaration') return `a \`${node.kind}\` declaration`;
  return `a ${node.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

function fromProgram(
  source: string,
  code: string,
  program: Program,
): Omit<NormalizedFunction, 'language'> {
  const statements = (program.body as AnyNode[]).filter((node) => node.type !== 'EmptyStatement');
  const first = statements[0];
  if (first === undefined) throw structureError(source, 'The code is empty', 1);
  const second = statements[1];
  if (second !== undefined) {
    throw structureError(
      source,
      `The code has ${statements.length} top-level statements; the second is ${describeStatement(second)}`,
      second.loc?.start.line ?? 1,
    );
  }
  const line = first.loc?.start.line ?? 1;
  if (first.type === 'FunctionDeclaration') {
    return describe('declaration', first as FunctionNode, `(${code.slice(0, first.end)}\n)`);
  }
  if (first.type === 'ExpressionStatement') {
    const outer = first.expression as AnyNode;
    const inner = unwrapParentheses(outer);
    if (inner.type === 'FunctionExpression' || inner.type === 'ArrowFunctionExpression') {
      const form: Form = inner.type === 'FunctionExpression' ? 'expression' : 'arrow';
      return describe(form, inner as FunctionNode, `(${code.slice(0, outer.end)}\n)`);
    }
  }
  throw structureError(source, `The code is ${describeStatement(first)}, not a function`, line);
}

/** Reads `({ <source> \n})` as an object literal holding exactly one method. */
function fromMethodProgram(
  code: string,
  program: Program,
): Omit<NormalizedFunction, 'language'> | undefined {
  const statement = program.body[0] as AnyNode | undefined;
  if (program.body.length !== 1 || statement?.type !== 'ExpressionStatement') return undefined;
  const object = unwrapParentheses(statement.expression as AnyNode);
  if (object.type !== 'ObjectExpression' || object.properties.length !== 1) return undefined;
  const property = object.properties[0] as AnyNode;
  if (property.type !== 'Property' || !property.method || property.computed) return undefined;
  if (property.kind !== 'init') return undefined;
  const key = property.key as AnyNode;
  const name = key.type === 'Identifier' ? (key.name as string) : String(key.value);
  return describe(
    'method',
    property.value as FunctionNode,
    `${code}${methodSuffix}[${JSON.stringify(name)}]`,
    name,
  );
}

function describe(form: Form, node: FunctionNode, expression: string, name?: string) {
  return { expression, form, name: name ?? node.id?.name, isAsync: node.async };
}

function isLater(candidate: ParseFailure, current: ParseFailure | undefined): boolean {
  if (current?.location === undefined) return true;
  if (candidate.location === undefined) return false;
  const { line, column } = candidate.location;
  return (
    line > current.location.line ||
    (line === current.location.line && column > current.location.column)
  );
}

const noModules =
  'The sandbox has no modules, file system or network: `import`, `export` and `require` are ' +
  'unavailable. Use only the arguments, standard JavaScript built-ins and the host functions ' +
  'you were given.';

function isModuleSyntax(failure: ParseFailure): boolean {
  return /'import' and 'export'/.test(parserMessage(failure.error));
}

function syntaxError(source: string, failure: ParseFailure | undefined): CodeExecutionError {
  const line = failure?.location?.line;
  const where = failure?.location ? ` at line ${line}, column ${failure.location.column + 1}` : '';
  const reason = failure === undefined ? 'the code does not parse' : parserMessage(failure.error);
  const advice = failure && isModuleSyntax(failure) ? noModules : 'Fix the syntax.';
  return new CodeExecutionError({
    kind: 'syntax',
    message: `SyntaxError${where}: ${endSentence(reason)} ${advice}${sourceExcerpt(source, line)}`,
    ...(line === undefined ? {} : { line }),
    cause: failure?.error,
  });
}

function shiftLineOne(location: ParserLocation | undefined, shift: number) {
  if (location === undefined || location.line !== 1 || shift === 0) return location;
  return { line: 1, column: Math.max(0, location.column - shift) };
}

function tryStrip(code: string, shift: number): string | ParseFailure {
  try {
    return stripTypes(code);
  } catch (error) {
    const cause = (error as Error).cause;
    if (isStackExhaustion(error) || isStackExhaustion(cause)) throw nestedTooDeeply(code, error);
    return new ParseFailure(cause, shiftLineOne(parserLocation(cause), shift));
  }
}

type Language = NormalizedFunction['language'];
type Prepare = (code: string, shift: number) => string | ParseFailure;

/**
 * Reads the source of one function (JavaScript or TypeScript; a declaration, expression, arrow
 * function or method shorthand) and returns a JavaScript expression that evaluates to it, keeping
 * line numbers. Throws a `CodeExecutionError` with kind 'syntax', the line and an excerpt when
 * the source does not parse or is not exactly one function.
 *
 * @example
 * normalizeFunctionSource('act(map: string[][]) { return [0, 0]; }').expression;
 * // '({act(map) { return [0, 0]; }\n})["act"]'
 */
export function normalizeFunctionSource(source: string): NormalizedFunction {
  let furthest: ParseFailure | undefined;
  let moduleSyntax: ParseFailure | undefined;
  const remember = (failure: ParseFailure) => {
    if (isModuleSyntax(failure)) moduleSyntax ??= failure;
    if (isLater(failure, furthest)) furthest = failure;
  };
  const attempts: Array<[Language, Prepare]> = [
    ['javascript', (code) => code],
    ['typescript', tryStrip],
  ];
  for (const [language, prepare] of attempts) {
    const code = prepare(source, 0);
    const program = code instanceof ParseFailure ? code : parseProgram(code, 0);
    if (program instanceof ParseFailure) remember(program);
    else return { ...fromProgram(source, code as string, program), language };

    const wrapped = prepare(`${methodPrefix}${source}${methodSuffix}`, methodPrefix.length);
    const methodProgram =
      wrapped instanceof ParseFailure ? wrapped : parseProgram(wrapped, methodPrefix.length);
    if (methodProgram instanceof ParseFailure) {
      remember(methodProgram);
      continue;
    }
    const methodCode = (wrapped as string).slice(0, (wrapped as string).lastIndexOf(methodSuffix));
    const method = fromMethodProgram(methodCode, methodProgram);
    if (method !== undefined) return { ...method, language };
  }
  throw syntaxError(source, moduleSyntax ?? furthest);
}
