import { createRequire } from 'node:module';

type Acorn = typeof import('acorn');

let acorn: Acorn | undefined;

/**
 * acorn, loaded on first use: parsing a function is needed only when an operator is first described
 * or code is compiled, and loading the parser is a large part of what importing this package would
 * otherwise cost (a graph-only user who never parses a function never loads it).
 */
function loadAcorn(): Acorn {
  acorn ??= createRequire(import.meta.url)('acorn') as Acorn;
  return acorn;
}

/** acorn's `parse`, loaded on first call. */
export function parse(...args: Parameters<Acorn['parse']>): ReturnType<Acorn['parse']> {
  return loadAcorn().parse(...args);
}

/** acorn's `parseExpressionAt`, loaded on first call. */
export function parseExpressionAt(
  ...args: Parameters<Acorn['parseExpressionAt']>
): ReturnType<Acorn['parseExpressionAt']> {
  return loadAcorn().parseExpressionAt(...args);
}
