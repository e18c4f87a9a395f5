import type { Node } from '@trace/core';
import { fenceCode, renderValue } from './render-value.js';
import { typeNameOf, type ValueKinds, valueKindOf } from './value-kind.js';

/** How one value entry is written. */
export interface EntryOptions {
  /** The label the report uses for the node. */
  readonly label: string;
  /** Cut the value at this many characters (variables are never cut). */
  readonly limit?: number;
  /** Write the node's description under the value. */
  readonly describe?: boolean;
  /** Declared kinds; variables show their kind (`code`, `integer`, ...). */
  readonly valueKinds?: ValueKinds;
  /** True for variables: their kind is the declared or inferred one, and they are never cut. */
  readonly isVariable?: boolean;
}

/**
 * One node's value as LLM optimizers show it: `(type) label = value`, code as a fenced block under
 * `(code) label =`, and (with `describe`) the node's description as `  // ...` lines below.
 *
 * @example
 * renderEntry(x, { label: 'x0', isVariable: true }); // '(number) x0 = -1'
 */
export function renderEntry(node: Node, options: EntryOptions): string {
  const value = node.data;
  const kind = options.isVariable ? valueKindOf(node, options.valueKinds) : undefined;
  const type = kind === undefined ? typeNameOf(value) : typeNameOf(value, kind);
  let text: string;
  if (kind === 'code' && typeof value === 'string') {
    text = `(code) ${options.label} =\n${fenceCode(value)}`;
  } else {
    text = `(${type}) ${options.label} = ${renderValue(value, options.isVariable ? undefined : options.limit)}`;
  }
  const description = options.describe ? node.description : undefined;
  if (description !== undefined && description.trim() !== '') {
    text += `\n${description
      .trim()
      .split('\n')
      .map((line) => `  // ${line}`)
      .join('\n')}`;
  }
  return text;
}
