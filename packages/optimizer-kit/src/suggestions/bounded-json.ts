import { ownJson, toJsonSafe } from './json-safe.js';

/** JSON text of a value written up to a length, and whether it is the whole text. */
export interface BoundedJson {
  /** The text written: the whole JSON when `complete`, else a prefix longer than the budget. */
  readonly text: string;
  readonly complete: boolean;
}

/**
 * `stringifyJsonSafe(value)` written piece by piece, stopping once more than `budget` characters are
 * written: a 2-million-element array costs as much as its first few thousand characters. The
 * conversions are those of `toJsonSafe`.
 *
 * @example
 * boundedJson(Array.from({ length: 2e6 }, (_, i) => i), 20); // { text: '[0,1,2,3,4,5,6,7,8,9,10', complete: false }
 */
export function boundedJson(value: unknown, budget: number): BoundedJson {
  const pieces: string[] = [];
  let length = 0;
  const ancestors = new Set<object>();
  const put = (piece: string): boolean => {
    pieces.push(piece);
    length += piece.length;
    return length <= budget;
  };
  const write = (item: unknown): boolean => {
    if (typeof item !== 'object' || item === null) return put(JSON.stringify(toJsonSafe(item)));
    if (ancestors.has(item)) return put('"[circular]"');
    const isPlainList = Array.isArray(item) || item instanceof Set;
    if (!isPlainList && (item instanceof Date || item instanceof Error)) {
      return put(JSON.stringify(toJsonSafe(item)));
    }
    if (!isPlainList && !(item instanceof Map)) {
      const own = ownJson(item);
      if (typeof own !== 'symbol') {
        ancestors.add(item);
        try {
          return write(own);
        } finally {
          ancestors.delete(item);
        }
      }
    }
    ancestors.add(item);
    try {
      if (isPlainList) {
        if (!put('[')) return false;
        let first = true;
        for (const element of item as Iterable<unknown>) {
          if (!first && !put(',')) return false;
          first = false;
          if (!write(element)) return false;
        }
        return put(']');
      }
      const entries: Iterable<readonly [string, unknown]> =
        item instanceof Map
          ? [...item].map(([key, entry]) => [String(key), entry] as const)
          : Object.keys(item).map((key) => [key, (item as Record<string, unknown>)[key]] as const);
      if (!put('{')) return false;
      let first = true;
      for (const [key, entry] of entries) {
        if (entry === undefined && !(item instanceof Map)) continue;
        if (!first && !put(',')) return false;
        first = false;
        if (!put(`${JSON.stringify(key)}:`)) return false;
        if (!write(entry)) return false;
      }
      return put('}');
    } finally {
      ancestors.delete(item);
    }
  };
  const complete = write(value);
  return { text: pieces.join(''), complete };
}
