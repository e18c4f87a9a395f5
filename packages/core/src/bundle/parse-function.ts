import type { Node as AstNode, Expression, Pattern } from 'acorn';
import { parseExpressionAt } from './acorn-parser.js';

/** What `bundle` needs to know about a function's source. */
export interface ParsedFunction {
  /** Source as a function expression that can be compiled on its own (method shorthand rewritten). */
  readonly source: string;
  /** The function's own name, when it has one. */
  readonly name: string | undefined;
  /** Names of the positional parameters (destructured ones are named `arg<i>`). */
  readonly parameterNames: readonly string[];
  /** Name of a rest parameter (`...items`), when there is one. */
  readonly restName: string | undefined;
  /** Whether the function is `async`. */
  readonly isAsync: boolean;
  /** Whether the function is a generator (`function*`); operators refuse generators. */
  readonly isGenerator?: boolean;
}

type FunctionAst = AstNode & {
  type: 'FunctionExpression' | 'ArrowFunctionExpression';
  id?: { name: string } | null;
  params: Pattern[];
  async: boolean;
  generator: boolean;
  body: AstNode;
};

/**
 * Parses the source of one function (declaration, expression, arrow, or method shorthand) and returns
 * it in a form that can be compiled alone. Throws a SyntaxError when the text is not one function.
 */
export function parseFunction(source: string): ParsedFunction {
  const text = source.trim();
  const asExpression = tryParse(text, false);
  if (asExpression) return describe(asExpression, text, undefined);
  // Method shorthand (`act(map) {...}`, `async act(map) {...}`), as class methods print themselves.
  const asObject = tryParse(`{${text}}`, true) as
    | (AstNode & { properties?: AstNode[] })
    | undefined;
  const property = asObject?.properties?.[0] as
    | (AstNode & {
        key: AstNode & { name?: string };
        value: FunctionAst;
        method?: boolean;
        kind?: string;
      })
    | undefined;
  if (asObject?.properties?.length === 1 && property?.method && property.kind === 'init') {
    const name = property.key.name;
    const fn = property.value;
    const parametersAt = fn.start - 1; // offset of the parameter list within `text`
    const rewritten = `${fn.async ? 'async ' : ''}function${fn.generator ? '*' : ''} ${name ?? 'method'}${text.slice(parametersAt)}`;
    return describe(fn, rewritten, name);
  }
  throw new SyntaxError(
    'Expected the source of exactly one function (a function declaration or expression, an arrow function, or a method).',
  );
}

function tryParse(text: string, isObject: boolean): FunctionAst | undefined {
  try {
    // In expression position, `function f() {}` is a function expression and `{...}` a record.
    const expression = parseExpressionAt(text, 0, { ecmaVersion: 'latest' }) as Expression;
    if (expression.end !== text.length) return undefined;
    if (isObject) return expression as unknown as FunctionAst;
    if (expression.type === 'FunctionExpression' || expression.type === 'ArrowFunctionExpression') {
      return expression as unknown as FunctionAst;
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function describe(fn: FunctionAst, source: string, methodName: string | undefined): ParsedFunction {
  const parameterNames: string[] = [];
  let restName: string | undefined;
  fn.params.forEach((parameter, position) => {
    if (parameter.type === 'RestElement') {
      restName =
        parameter.argument.type === 'Identifier' ? parameter.argument.name : `arg${position}`;
      return;
    }
    parameterNames.push(patternName(parameter, position));
  });
  return {
    source,
    name: methodName ?? fn.id?.name ?? undefined,
    parameterNames,
    restName,
    isAsync: fn.async,
    isGenerator: fn.generator,
  };
}

function patternName(pattern: Pattern, position: number): string {
  if (pattern.type === 'Identifier') return pattern.name;
  if (pattern.type === 'AssignmentPattern' && pattern.left.type === 'Identifier') {
    return pattern.left.name;
  }
  return `arg${position}`;
}

/**
 * Input names for a call with `count` arguments: the declared names, then `<rest>_<i>` for arguments
 * collected by a rest parameter (or `arg<i>` when there is none).
 */
export function inputNamesFor(parsed: ParsedFunction, count: number): readonly string[] {
  if (count <= parsed.parameterNames.length) return parsed.parameterNames.slice(0, count);
  const names = [...parsed.parameterNames];
  const rest = parsed.restName;
  for (let position = names.length; position < count; position += 1) {
    names.push(rest ? `${rest}_${position - parsed.parameterNames.length}` : `arg${position}`);
  }
  return names;
}

/**
 * Why generators are refused: a generator's body runs when its result is iterated, after the operator
 * returned, so its reads would escape the hidden-dependency check and its values the graph.
 */
export function generatorRefusal(name: string | undefined): string {
  return `Operator '${name || 'operator'}' is a generator function: its body would run only when the result is iterated, after the operator has returned, outside the graph. Collect the values inside the operator instead (for example \`return [...generate(x)]\` or \`Array.from(generate(x))\`).`;
}
