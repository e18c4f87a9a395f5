import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bundle } from '../bundle/bundle.js';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { backward } from './backward.js';
import { GradientPropagator, gradientOf } from './gradient-propagator.js';
import { combine, SumPropagator } from './sum-propagator.js';

const gradients = new GradientPropagator();

type Step = {
  readonly op: 'add' | 'subtract' | 'multiply' | 'sin';
  readonly left: number;
  readonly right: number;
};

/** Runs a random program over parameters `values`, either traced or on plain numbers. */
function program(steps: readonly Step[], values: readonly number[]): number[] {
  const pool = [...values];
  for (const step of steps) {
    const a = pool[step.left % pool.length]!;
    const b = pool[step.right % pool.length]!;
    pool.push(
      step.op === 'add'
        ? a + b
        : step.op === 'subtract'
          ? a - b
          : step.op === 'multiply'
            ? a * b
            : Math.sin(a),
    );
  }
  return pool;
}

const sin = bundle(
  function sin(x: number) {
    return Math.sin(x);
  },
  { derivative: ([x]) => [Math.cos(x as number)] },
);

function tracedProgram(steps: readonly Step[], parameters: readonly Node<number>[]): Node<number> {
  const pool: Node<number>[] = [...parameters];
  for (const step of steps) {
    const a = pool[step.left % pool.length]!;
    const b = pool[step.right % pool.length]!;
    const next =
      step.op === 'sin'
        ? sin(a)
        : step.op === 'add'
          ? ops.add(a, b)
          : step.op === 'subtract'
            ? ops.subtract(a, b)
            : ops.multiply(a, b);
    pool.push(next);
  }
  return pool[pool.length - 1]!;
}

describe('GradientPropagator', () => {
  test('property: messages sum to d output / d parameter (checked by finite differences)', () => {
    const step = fc.record({
      op: fc.constantFrom('add', 'subtract', 'multiply', 'sin'),
      left: fc.nat(),
      right: fc.nat(),
    }) as fc.Arbitrary<Step>;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.array(step, { minLength: 1, maxLength: 8 }),
        (values, steps) => {
          const parameters = values.map((value) => node(value, { trainable: true }));
          const output = tracedProgram(steps, parameters);
          backward(output, 1, { propagator: gradients });
          values.forEach((value, index) => {
            const h = 1e-6;
            const plus = program(
              steps,
              values.map((v, i) => (i === index ? value + h : v)),
            ).at(-1)!;
            const minus = program(
              steps,
              values.map((v, i) => (i === index ? value - h : v)),
            ).at(-1)!;
            const numeric = (plus - minus) / (2 * h);
            expect(gradientOf(parameters[index]!)).toBeCloseTo(numeric, 3);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  test('x + x sends two messages that sum to 2', () => {
    const x = node(3, { trainable: true });
    backward(ops.add(x, x), 1, { propagator: gradients });
    expect(x.feedback).toEqual([1, 1]);
    expect(gradientOf(x)).toBe(2);
  });

  test('the seed scales the gradient (chain rule from d loss / d output)', () => {
    const x = node(3, { trainable: true });
    backward(ops.multiply(x, x), -0.5, { propagator: gradients });
    expect(gradientOf(x)).toBe(-3);
  });

  test("a retained graph does not leak one pass's messages into the next", () => {
    const x = node(3, { trainable: true });
    const y = ops.add(ops.multiply(x, 2), 1);
    backward(y, 1, { propagator: gradients, retainGraph: true });
    backward(y, 1, { propagator: gradients, retainGraph: true });
    expect(x.feedback).toEqual([2, 2]);
  });

  test('a trainable operator with an external input: partials follow the values, not the code parameter', () => {
    const k = node(5, { name: 'k', trainable: true });
    const x = node(3, { name: 'x', trainable: true });
    const scaled = bundle(
      function scaled(this: { k: Node<number> }, value: number) {
        return value * this.k.data;
      },
      {
        trainable: true,
        execution: 'trusted',
        thisArg: { k },
        allowExternalDependencies: true,
        derivative: ([value, factor]) => [factor as number, value as number],
      },
    );
    const y = scaled(x);
    expect(y.inputNodes).toEqual([x, scaled.parameter, k]); // k is an input after the code parameter
    backward(y, 1, { propagator: gradients });
    expect(gradientOf(x)).toBe(5);
    expect(gradientOf(k)).toBe(3);
    expect(scaled.parameter!.feedback).toEqual([]);
  });

  test('an operator without derivative is a clear error', () => {
    const x = node(3, { trainable: true });
    const opaque = bundle(function opaque(value: number) {
      return value * 2;
    });
    expect(() => backward(opaque(x), 1, { propagator: gradients })).toThrow(
      /operator 'opaque'.*declares no derivative/,
    );
  });

  test('non-numeric feedback is rejected with what to pass instead', () => {
    const x = node(3, { trainable: true });
    expect(() => backward(ops.neg(x), 'smaller', { propagator: gradients })).toThrow(
      /needs numeric feedback/,
    );
  });
});

describe('SumPropagator', () => {
  test('numbers add up along every path', () => {
    const x = node(1, { trainable: true });
    const y = ops.add(ops.multiply(x, 2), ops.neg(x));
    backward(y, 5, { propagator: new SumPropagator() });
    expect(x.feedback).toEqual([5, 5]);
  });

  test('texts are joined once each', () => {
    expect(combine(['too big', 'too big', 'slow'])).toBe('too big\nslow');
    expect(combine([1, 2, 3])).toBe(6);
    expect(combine([1, 'note'])).toBe('1\nnote');
  });
});
