import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { GradientPropagator, gradientOf } from '../backward/gradient-propagator.js';
import { TraceError } from '../errors/trace-error.js';
import { TraceExecutionError } from '../errors/trace-execution-error.js';
import { node } from '../graph/create-node.js';
import { ops } from './index.js';

// [a, b, Python's a % b, Python's a // b], measured with CPython 3 on floats.
const pythonFloorDivision: [number, number, number, number][] = [
  [0.1, 3.0, 0.1, 0.0],
  [3.0, 9007199254740992.0, 3.0, 0.0],
  [5.0, Number.POSITIVE_INFINITY, 5.0, 0.0],
  [-5.0, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -1.0],
  [5.0, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, -1.0],
  [-5.0, Number.NEGATIVE_INFINITY, -5.0, 0.0],
  [-1.0, 3.0, 2.0, -1.0],
  [1.0, -3.0, -2.0, -1.0],
  [-1e-20, 3.0, 3.0, -1.0],
  [7.0, 0.1, 0.09999999999999962, 69.0],
  [-7.0, 0.1, 3.885780586188048e-16, -70.0],
  [0.0, -3.0, -0, -0],
  [-0, 3.0, 0.0, -0],
  [5.5, 2.0, 1.5, 2.0],
  [-5.5, 2.0, 0.5, -3.0],
  [1e300, 1e-300, 4.891554850853602e-301, Number.POSITIVE_INFINITY],
  [Number.POSITIVE_INFINITY, 3.0, Number.NaN, Number.NaN],
  [Number.NaN, 3.0, Number.NaN, Number.NaN],
  [3.0, Number.NaN, Number.NaN, Number.NaN],
  [9007199254740994.0, 3.0, 1.0, 3002399751580330.0],
  [-0, -3.0, -0, 0.0],
  [0.0, Number.POSITIVE_INFINITY, 0.0, 0.0],
  [-0, Number.POSITIVE_INFINITY, 0.0, -0],
];

describe('mod and floorDivide match Python on floats', () => {
  test.each(pythonFloorDivision)('%s %% %s and %s // %s', (a, b, remainder, quotient) => {
    expect(ops.mod(a, b).data).toBe(remainder); // toBe is Object.is: -0 and NaN checked exactly
    expect(ops.floorDivide(a, b).data).toBe(quotient);
  });

  test('division by zero: mod is NaN, floorDivide follows divide', () => {
    expect(ops.mod(5, 0).data).toBeNaN();
    expect(ops.floorDivide(5, 0).data).toBe(Number.POSITIVE_INFINITY);
    expect(ops.floorDivide(0, 0).data).toBeNaN();
  });

  test('property: a non-negative remainder is exactly JavaScript % (no precision lost)', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(finite, finite, (a, b) => {
        fc.pre(b !== 0);
        const remainder = ops.mod(a, b).data;
        if (a >= 0 === b > 0 && !Object.is(a, -0))
          expect(remainder).toBe(a % b === 0 ? (b < 0 ? -0 : 0) : a % b);
        expect(Math.abs(remainder)).toBeLessThanOrEqual(Math.abs(b));
        if (remainder !== 0) expect(remainder < 0).toBe(b < 0);
      }),
    );
  });

  test('property: on safe integers, floorDivide and mod are the floored pair', () => {
    const integer = fc.integer({ min: -1e6, max: 1e6 });
    fc.assert(
      fc.property(integer, integer, (a, b) => {
        fc.pre(b !== 0);
        const quotient = ops.floorDivide(a, b).data;
        expect(quotient).toBe(Math.floor(a / b) + 0 === 0 ? quotient : Math.floor(a / b));
        expect(ops.mod(a, b).data + 0).toBe(a - quotient * b);
      }),
    );
  });
});

function derivativeOf(
  operator: { operator: { derivative?: (...args: any[]) => readonly number[] } },
  args: number[],
  output: number,
) {
  return operator.operator.derivative!(args, output);
}

describe('derivatives at edge points', () => {
  test('power: x^0 has derivative 0 at x = 0, so polynomials are finite at 0', () => {
    expect(derivativeOf(ops.power, [0, 0], 1)[0]).toBe(0);
    const x = node(0, { name: 'x', trainable: true });
    const polynomial = ops.add(
      ops.add(ops.multiply(1, ops.power(x, 0)), ops.multiply(2, ops.power(x, 1))),
      ops.multiply(3, ops.power(x, 2)),
    );
    polynomial.backward(1, { propagator: new GradientPropagator() });
    expect(gradientOf(x)).toBe(2);
  });

  test('power: the exponent derivative is NaN where it does not exist, never a wrong number', () => {
    expect(derivativeOf(ops.power, [-2, 2], 4)[1]).toBeNaN();
    expect(derivativeOf(ops.power, [0, 0], 1)[1]).toBeNaN();
    expect(derivativeOf(ops.power, [0, 2], 0)[1]).toBe(0);
    expect(derivativeOf(ops.power, [2, 3], 8)[1]).toBeCloseTo(8 * Math.log(2));
  });

  test('sqrt at -0 and 0: +Infinity (the one-sided derivative)', () => {
    expect(derivativeOf(ops.sqrt, [-0], Math.sqrt(-0))[0]).toBe(Number.POSITIVE_INFINITY);
    expect(derivativeOf(ops.sqrt, [0], 0)[0]).toBe(Number.POSITIVE_INFINITY);
  });

  test('divide: d/db does not underflow for tiny b', () => {
    const [, byDivisor] = derivativeOf(ops.divide, [1e-300, 1e-160], 1e-140);
    expect(byDivisor).toBeCloseTo(-1e-300 / 1e-160 / 1e-160);
    expect(Number.isFinite(byDivisor)).toBe(true);
    expect(byDivisor).not.toBe(0);
    const [, large] = derivativeOf(ops.divide, [1, 1e-200], 1e200);
    expect(large).toBe(Number.NEGATIVE_INFINITY); // the true value (-1e400) does not fit a double
  });

  test('round: large digits keep x; very negative digits give 0 with the sign of x', () => {
    expect(ops.round(1.5, 400).data).toBe(1.5);
    expect(ops.round(1.23456789, 20).data).toBe(1.23456789);
    expect(ops.round(5e-324, 330).data).toBe(5e-324);
    expect(ops.round(1234.5, -2).data).toBe(1200);
    expect(ops.round(-1234, -400).data).toBe(-0);
    expect(ops.round(Number.NaN, 2).data).toBeNaN();
    expect(ops.round(Number.NEGATIVE_INFINITY, 2).data).toBe(Number.NEGATIVE_INFINITY);
  });
});

/** JSON with keys sorted: a reference for structural equality of JSON values. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

describe('equal / notEqual', () => {
  test.each([
    ['Infinity vs -Infinity', Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, false],
    ['NaN vs null', Number.NaN, null, false],
    ['NaN vs NaN (=== and Python ==)', Number.NaN, Number.NaN, false],
    ['-0 vs 0', -0, 0, true],
    ['null vs undefined', null, undefined, false],
    ['1 vs "1"', 1, '1', false],
    ['records in any key order', { a: 1, b: 2 }, { b: 2, a: 1 }, true],
    ['record with an undefined entry vs without', { a: 1, b: undefined }, { a: 1 }, false],
    ['array vs record', [1], { 0: 1 }, false],
    ['different Maps', new Map([[1, 'a']]), new Map([[2, 'b']]), false],
    ['equal Maps', new Map([['k', { x: 1 }]]), new Map([['k', { x: 1 }]]), true],
    ['Sets by membership', new Set([1, 2]), new Set([2, 1]), true],
    ['different Sets', new Set([1, 2]), new Set([1, 3]), false],
    ['Dates by time', new Date(5), new Date(5), true],
    ['different Dates', new Date(5), new Date(6), false],
    ['Date vs its JSON', new Date(5), new Date(5).toJSON(), false],
    [
      'class instances by identity',
      new URL('https://a.example/'),
      new URL('https://a.example/'),
      false,
    ],
  ])('%s', (_name, a, b, expected) => {
    expect(ops.equal(a, b).data).toBe(expected);
    expect(ops.notEqual(a, b).data).toBe(!expected);
  });

  test('cycles compare without overflowing the stack', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const b: Record<string, unknown> = { name: 'a' };
    b.self = b;
    expect(ops.equal(a, b).data).toBe(true);
  });

  test('property: on JSON values, equal is equality of key-sorted JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(ops.equal(a, structuredClone(a)).data).toBe(true);
        expect(ops.equal(a, b).data).toBe(canonical(a) === canonical(b));
      }),
    );
  });
});

describe('strings on code points', () => {
  test('strip removes whole code points only', () => {
    expect(ops.strip('😁abc', '😀').data).toBe('😁abc');
    expect(ops.strip('😀abc😀', '😀').data).toBe('abc');
    expect(ops.strip('xxaxx', 'x').data).toBe('a');
  });

  test('replace with an empty search works like JavaScript and Python, without splitting emoji', () => {
    expect(ops.replace('abc', '', '-').data).toBe('-a-b-c-');
    expect(ops.replace('', '', '-').data).toBe('-');
    expect(ops.replace('a😀', '', '-').data).toBe('-a-😀-');
  });

  test('property: strip leaves well-formed text and only removes characters from the set', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    fc.assert(
      fc.property(text, text, (input, characters) => {
        const result = ops.strip(input, characters).data;
        // No lone surrogate: every code point is whole.
        expect(result).not.toMatch(
          /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
        );
        const start = input.indexOf(result);
        expect(start).toBeGreaterThanOrEqual(0);
        const removed = [...input.slice(0, start), ...input.slice(start + result.length)];
        for (const character of removed) expect([...characters]).toContain(character);
      }),
    );
  });

  test('property: replace is replaceAll for non-empty searches and for text without surrogates', () => {
    const text = fc.string({ unit: 'grapheme-ascii', maxLength: 10 });
    fc.assert(
      fc.property(text, fc.string({ maxLength: 2 }), text, (input, search, replacement) => {
        expect(ops.replace(input, search, replacement).data).toBe(
          input.replaceAll(search, () => replacement),
        );
      }),
    );
  });
});

describe('strings are indexed by code point, as in Python', () => {
  test('getItem, length and slice never split an emoji', () => {
    expect(ops.length('a😀b').data).toBe(3);
    expect(ops.getItem('a😀b', 1).data).toBe('😀');
    expect(ops.getItem('a😀b', -1).data).toBe('b');
    expect(ops.slice('a😀b', 0, 2).data).toBe('a😀');
    expect(ops.slice('a😀b', -2).data).toBe('😀b');
    expect(ops.length('plain').data).toBe(5);
  });

  test("property: on text without surrogates they are JavaScript's string operations", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii' }),
        fc.integer({ min: -5, max: 5 }),
        (text, start) => {
          expect(ops.length(text).data).toBe(text.length);
          expect(ops.slice(text, start).data).toBe(text.slice(start));
        },
      ),
    );
  });
});

describe('format and join trace arrays of nodes like records', () => {
  test('format with an array of nodes renders values and records each node as an input', () => {
    const question = node('why?', { name: 'question', trainable: true });
    const computed = ops.add(question, '!');
    const prompt = ops.format('Q: {0} {1}', [question, computed]);
    expect(prompt.data).toBe('Q: why? why?!');
    prompt.backward('shorter');
    expect(question.feedback.length).toBeGreaterThan(0);
  });

  test('join with an array of nodes renders values and records each node', () => {
    const first = node('a', { name: 'first', trainable: true });
    const joined = ops.join(', ', [first, 'b', 3]);
    expect(joined.data).toBe('a, b, 3');
    joined.backward('more');
    expect(first.feedback.length).toBeGreaterThan(0);
  });

  test('a node hidden deeper inside a value is a hidden dependency, not its internals', () => {
    const inner = node('secret', { name: 'inner' });
    let caught: unknown;
    try {
      ops.join(' ', [[inner]] as unknown as string[]);
    } catch (error) {
      caught = error;
    }
    expect(TraceError.isInstance(caught) && caught.code).toBe('MISSING_INPUT');
  });

  test('toText reads a node inside a value through its data: a hidden one is MISSING_INPUT', () => {
    const inner = node('secret', { name: 'inner' });
    let caught: unknown;
    try {
      ops.toText({ wrapped: inner });
    } catch (error) {
      caught = error;
    }
    expect(TraceError.isInstance(caught) && caught.code).toBe('MISSING_INPUT');
    expect(ops.toText({ a: [1, 'b'] }).data).toBe('{"a":[1,"b"]}');
    expect(ops.toText(Number.NaN).data).toBe('NaN');
  });

  test('a placeholder with no value is an error; braces that are not placeholders are kept', () => {
    let caught: unknown;
    try {
      ops.format('Hello {first-name}', { name: 'Ada' });
    } catch (error) {
      caught = error;
    }
    expect(TraceExecutionError.isInstance(caught)).toBe(true);
    expect((caught as TraceExecutionError).exceptionNode.data).toMatch(
      /\{first-name\} has no value/,
    );
    expect(ops.format('Hi {first-name}', { 'first-name': 'Ada' }).data).toBe('Hi Ada');
    expect(ops.format('Reply {"answer": {n}}', { n: 1 }).data).toBe('Reply {"answer": 1}');
  });
});

describe('makeRecord', () => {
  test('a __proto__ key is an entry, not the prototype', () => {
    const record = ops.makeRecord({ ['__proto__']: node({ polluted: true }), plain: 1 }).data;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(['__proto__', 'plain']);
    expect((record as Record<string, unknown>).polluted).toBeUndefined();
  });
});
