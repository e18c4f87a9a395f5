import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { boundedJson } from './bounded-json.js';
import { stringifyJsonSafe, toJsonSafe } from './json-safe.js';
import { renderValue, truncateText } from './render-value.js';

/** No lone surrogate (String#isWellFormed, which the project's TypeScript lib does not declare). */
const wellFormed = (text: string) =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

describe('report rendering', () => {
  test('values with toJSON show what it returns (a URL is its address, not {})', () => {
    const url = new URL('https://example.com/a?b=1');
    expect(renderValue(url)).toBe('"https://example.com/a?b=1"');
    expect(renderValue({ link: url }, 100)).toBe('{"link":"https://example.com/a?b=1"}');
    expect(toJsonSafe({ link: url })).toEqual({ link: 'https://example.com/a?b=1' });
    const throwing = {
      a: 1,
      toJSON: () => {
        throw new Error('no');
      },
    };
    expect(toJsonSafe(throwing)).toEqual({ a: 1, toJSON: '[function toJSON]' });
    const selfish = {
      toJSON() {
        return selfish;
      },
    };
    expect(stringifyJsonSafe(selfish)).toBe('"[circular]"');
  });

  test('-0 renders as -0', () => {
    expect(renderValue(-0)).toBe('-0');
    expect(renderValue(0)).toBe('0');
  });

  test('cutting never splits a surrogate pair', () => {
    const text = `ab${'😀'.repeat(10)}`;
    for (let limit = 0; limit < 12; limit += 1) {
      const cut = truncateText(text, limit);
      expect(wellFormed(cut)).toBe(true);
      expect(text.startsWith(cut.slice(0, cut.indexOf('…')))).toBe(true);
    }
    expect(wellFormed(renderValue(['😀'.repeat(600)], 6))).toBe(true);
    expect(wellFormed('a\uD83D')).toBe(false);
  });

  test('a 2-million-element value is cut while rendering, not converted whole first', () => {
    let read = 0;
    const huge = new Proxy(
      Array.from({ length: 2_000_000 }, (_, index) => index),
      {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) read += 1;
          return Reflect.get(target, key, receiver);
        },
      },
    );
    const text = renderValue(huge, 1000);
    expect(text.startsWith('[0,1,2,3')).toBe(true);
    expect(text).toMatch(/…\[cut: more than \d+ more characters\]$/);
    expect(text.length).toBeLessThan(1100);
    expect(read).toBeLessThan(20_000); // a few times the limit, not 2 million
  });

  test('a structure that fits in the budget keeps the exact marker', () => {
    const value = Array.from({ length: 100 }, (_, index) => index);
    const full = JSON.stringify(value);
    expect(renderValue(value, 50)).toBe(truncateText(full, 50));
  });

  test('boundedJson writes a prefix of stringifyJsonSafe, the whole when it fits', () => {
    fc.assert(
      fc.property(fc.anything(), fc.integer({ min: 0, max: 200 }), (value, budget) => {
        const full = stringifyJsonSafe(value);
        const written = boundedJson(value, budget);
        if (written.complete) expect(written.text).toBe(full);
        else {
          expect(written.text.length).toBeGreaterThan(budget);
          expect(full.startsWith(written.text)).toBe(true);
        }
      }),
    );
  });
});
