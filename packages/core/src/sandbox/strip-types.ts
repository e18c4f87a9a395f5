import { createRequire } from 'node:module';
import { CodeExecutionError } from '../code/code-execution-error.js';
import { endSentence } from '../errors/end-sentence.js';
import { parserLocation, parserMessage } from './parser-location.js';

type Transform = typeof import('sucrase')['transform'];
let sucraseTransform: Transform | undefined;

/**
 * sucrase's `transform`, loaded on first use: it is most of the cost of importing this package, and
 * only TypeScript proposals need it (a graph-only user never loads it).
 */
function transform(...args: Parameters<Transform>): ReturnType<Transform> {
  sucraseTransform ??= (createRequire(import.meta.url)('sucrase') as typeof import('sucrase'))
    .transform;
  return sucraseTransform(...args);
}

/**
 * Removes TypeScript syntax (annotations, interfaces, type aliases, `as`, `!`, generics) from
 * `source` with sucrase, a real TypeScript parser. Enums become plain objects. Line numbers are
 * preserved, so errors found later point at the same line of the original source. Plain
 * JavaScript passes through unchanged apart from whitespace.
 *
 * Throws a `CodeExecutionError` with kind 'syntax' and the line when `source` does not parse.
 *
 * @example
 * stripTypes('function area(width: number, height: number): number { return width * height; }');
 * // 'function area(width, height) { return width * height; }'
 */
export function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ['typescript'], disableESTransforms: true }).code;
  } catch (error) {
    const location = parserLocation(error);
    const reason = parserMessage(error);
    throw new CodeExecutionError({
      kind: 'syntax',
      message: `SyntaxError${location ? ` at line ${location.line}` : ''}: ${endSentence(reason)} Fix the syntax.`,
      ...(location ? { line: location.line } : {}),
      cause: error,
    });
  }
}
