import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Node } from '../graph/node.js';
import { sortByCreation } from './sort-by-creation.js';

/** Stand-ins with just an id: the sort reads nothing else. */
const withIds = (ids: readonly number[]) => ids.map((id) => ({ id }) as Node);

describe('sortByCreation', () => {
  test('property: matches a comparison sort, below and above the radix threshold, with far-apart ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat({ max: 2 ** 31 }), { minLength: 0, maxLength: 5000 }),
        fc.nat({ max: 2 ** 21 }),
        (ids, offset) => {
          const nodes = withIds(ids.map((id) => id + offset));
          const expected = [...nodes].sort((a, b) => a.id - b.id);
          expect(sortByCreation([...nodes])).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('ids more than 2^32 apart fall back to a comparison sort', () => {
    const ids = Array.from({ length: 3000 }, (_, index) =>
      index % 2 === 0 ? index : 2 ** 40 - index,
    );
    const sorted = sortByCreation(withIds(ids)).map((item) => item.id);
    expect(sorted).toEqual([...ids].sort((a, b) => a - b));
  });

  test('a sorted list is returned as is', () => {
    const nodes = withIds(Array.from({ length: 3000 }, (_, index) => index * 3));
    expect(sortByCreation(nodes)).toBe(nodes);
  });
});
