import type { Node as AstNode } from 'acorn';
import { parseExpressionAt } from './acorn-parser.js';

type AnyNode = AstNode & Record<string, unknown>;

/** esbuild's helper that keeps function names (`keepNames`, which tsx turns on). */
const helper = '__name';

/**
 * Removes the `__name(...)` calls esbuild inserts when it keeps function names (tsx does): inside a
 * function's run-time source, `const helper = __name((y) => y + 1, "helper")` becomes
 * `const helper = (y) => y + 1` and `__name(inner, "inner");` disappears. The helper exists only in
 * the transpiled module, so code compiled on its own (a trainable operator's source) would fail with
 * "__name is not defined", and optimizers would read the noise. Functions named this way get the same
 * names from the language itself. Line breaks are kept, so line numbers do not move. Source that
 * declares its own `__name`, or does not parse, is returned unchanged.
 */
export function stripNameHelpers(source: string): string {
  if (!source.includes(`${helper}(`)) return source;
  let root: AnyNode;
  try {
    root = parseExpressionAt(`(${source})`, 0, { ecmaVersion: 'latest' }) as AnyNode;
  } catch {
    return source;
  }
  const cuts: [number, number][] = [];
  let declaresHelper = false;
  visit(root, (node, parent) => {
    if (node.type === 'Identifier' && node.name === helper && !isCallee(node, parent)) {
      declaresHelper = true; // declared, assigned or passed around: the user's own `__name`
    }
    if (!isHelperCall(node)) return;
    const [target] = node.arguments as AnyNode[];
    if (parent?.type === 'ExpressionStatement' && target!.type === 'Identifier') {
      cuts.push([parent.start, parent.end]);
    } else {
      cuts.push([node.start, target!.start], [target!.end, node.end]);
    }
  });
  if (declaresHelper || cuts.length === 0) return source;
  // Offsets are into `(${source})`: one character before the source.
  let text = source;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) {
    const removed = text.slice(start - 1, end - 1);
    text = text.slice(0, start - 1) + removed.replace(/[^\n]/g, '') + text.slice(end - 1);
  }
  return text;
}

function isHelperCall(node: AnyNode): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = node.callee as AnyNode;
  const args = node.arguments as AnyNode[];
  return (
    callee.type === 'Identifier' &&
    callee.name === helper &&
    args.length === 2 &&
    args[1]!.type === 'Literal' &&
    typeof args[1]!.value === 'string' &&
    args[0]!.type !== 'SpreadElement'
  );
}

function isCallee(node: AnyNode, parent: AnyNode | undefined): boolean {
  return parent?.type === 'CallExpression' && parent.callee === node && isHelperCall(parent);
}

/** Calls `enter` on every AST node below `root` (iteratively: deep code cannot exhaust the stack). */
function visit(root: AnyNode, enter: (node: AnyNode, parent: AnyNode | undefined) => void): void {
  const pending: [AnyNode, AnyNode | undefined][] = [[root, undefined]];
  while (pending.length > 0) {
    const [node, parent] = pending.pop()!;
    enter(node, parent);
    for (const key of Object.keys(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isAstNode(item)) pending.push([item, node]);
      } else if (isAstNode(value)) {
        pending.push([value, node]);
      }
    }
  }
}

function isAstNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as AnyNode).type === 'string';
}
