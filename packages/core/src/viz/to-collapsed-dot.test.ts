import { describe, expect, test } from 'vitest';
import { SumPropagator } from '../backward/sum-propagator.js';
import { bundle } from '../bundle/bundle.js';
import { TraceError } from '../errors/trace-error.js';
import { node } from '../graph/create-node.js';
import type { Node } from '../graph/node.js';
import { ops } from '../ops/index.js';
import { toCollapsedDot } from './to-collapsed-dot.js';

/** `weight + 0 + 1 + …`: 2 * additions + 1 nodes (the parameter, the constants, the additions). */
function chain(additions: number, weight = node(1, { name: 'weight', trainable: true })) {
  let value: Node<number> = ops.add(weight, 0);
  for (let i = 1; i < additions; i++) value = ops.add(value, i);
  return { weight, output: value };
}

const dotString = '"(?:[^"\\\\\\n]|\\\\.)*"';
/** The statements toCollapsedDot writes: header, node statements with a quoted label, plain edges. */
const statement = new RegExp(
  `^(digraph trace \\{|  rankdir=TB;|  node \\[fontname="Helvetica", fontsize=10\\];|\\}|  \\w+ \\[label=${dotString}(, \\w+=(\\w+|"[^"\\\\\\n]*"))*\\];|  \\w+ -> \\w+;)$`,
);

function labelOf(dot: string, id: string): string {
  const line = dot.split('\n').find((item) => item.startsWith(`  ${id} [label="`));
  if (line === undefined) throw new Error(`no node ${id} in\n${dot}`);
  return new RegExp(`^  \\w+ \\[label=(${dotString})`).exec(line)![1]!;
}

/** Whether `text` has no lone surrogate (it encodes to UTF-8 and back unchanged). */
function wellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

describe('toCollapsedDot', () => {
  test('the parameters, one node counting the rest, and the output, ids as toDot gives them', () => {
    const { weight, output } = chain(50);
    const collapsed = toCollapsedDot(output);
    expect(collapsed.nodes).toBe(101);
    expect(collapsed.parameters).toEqual([weight]);
    expect(collapsed.dot.split('\n')).toEqual([
      'digraph trace {',
      '  rankdir=TB;',
      '  node [fontname="Helvetica", fontsize=10];',
      '  hidden [label="99 operations and inputs collapsed", shape=box3d, style=dashed];',
      `  n${weight.id} [label="${weight.name}\\n1", shape=box, style="rounded,filled", fillcolor="#cfe8ff"];`,
      `  n${weight.id} -> hidden;`,
      `  n${output.id} [label="${output.name}\\n1226", shape=doubleoctagon, style=filled, fillcolor="#fff2b3"];`,
      `  hidden -> n${output.id};`,
      '}',
    ]);
  });

  test('hostile names and values stay inside their labels; lone surrogates become U+FFFD', () => {
    const hostile = [
      'x"]; evil -> pwned [label="',
      'back\\slash\\"quote\\',
      'line\nbreak\r\nand\u2028separator\ttab\u0000nul',
      '<script>alert(1)</script>',
      'lone \ud800 high and \udfff low',
      `${'n'.repeat(1_000_000)}"`,
    ];
    const parameters = hostile.map((name, index) =>
      node(hostile[hostile.length - 1 - index]!, { name, trainable: true }),
    );
    parameters[0]!.backward('received "quotes"\nand \\ back\udc00slashes', {
      propagator: new SumPropagator(),
    });
    const output = parameters.reduce((sum, item) => ops.add(sum, item) as Node<string>);
    const { dot } = toCollapsedDot(output, { valueLimit: 30 });
    for (const line of dot.split('\n')) expect(line).toMatch(statement);
    expect(wellFormed(dot)).toBe(true);
    for (const raw of ['\u0000', '\r', '\u2028']) expect(dot).not.toContain(raw);
    expect(dot.length).toBeLessThan(3000);
    const [evil, slash, lines, script, lone, huge] = parameters.map((item) =>
      labelOf(dot, `n${item.id}`),
    );
    expect(evil).toContain('x\\"]; evil -> pwned [label=\\"');
    expect(slash).toContain('"back\\\\slash\\\\\\"quote\\\\');
    expect(lines).toContain('"line break and separator tab nul');
    expect(script).toContain('<script>alert(1)</script>');
    expect(lone).toContain('lone \ufffd high and \ufffd low');
    // A 1 MB name is cut to 80 characters (79 and an ellipsis).
    expect(huge!.startsWith(`"${'n'.repeat(79)}…\\n`)).toBe(true);
    // What it received (cut to valueLimit) is escaped too; the lone half became U+FFFD.
    expect(evil).toMatch(/\\nreceived: received \\"quotes\\" and \\\\ back\ufffd…"$/);
  });

  test('a cut never splits a surrogate pair', () => {
    const emoji = node('x', { name: `${'a'.repeat(78)}😀😀`, trainable: true });
    const { dot } = toCollapsedDot(ops.add(emoji, 1));
    expect(labelOf(dot, `n${emoji.id}`)).toBe(`"${'a'.repeat(78)}…\\nx"`);
    expect(wellFormed(dot)).toBe(true);
  });

  test('more than 50 parameters: the first 50 are drawn, the others counted', () => {
    const parameters = Array.from({ length: 120 }, (_v, i) =>
      node(i, { name: `p${i}`, trainable: true }),
    );
    let sum: Node<number> = ops.add(parameters[0]!, 0);
    for (let i = 0; i < 1000; i++) sum = ops.add(sum, parameters[i % 120]!);
    const collapsed = toCollapsedDot(sum);
    expect(collapsed.nodes).toBe(120 + 1 + 1001);
    expect(collapsed.parameters).toEqual(parameters);
    const drawn = collapsed.dot.match(/^ {2}n\d+ \[label="p\d+:\d+\\n/gm);
    expect(drawn).toHaveLength(50);
    expect(collapsed.dot).toContain(
      `  n${parameters[49]!.id} [label="${parameters[49]!.name}\\n49"`,
    );
    expect(collapsed.dot).not.toContain(`  n${parameters[50]!.id} [`);
    expect(collapsed.dot).toContain('  more_parameters [label="70 more parameters"');
    expect(collapsed.dot).toContain('  more_parameters -> hidden;');
    expect(collapsed.dot).toContain('"1001 operations and inputs collapsed"');
    const three = toCollapsedDot(sum, { maxShown: 3 });
    expect(three.dot).toContain('"117 more parameters"');
    expect(three.dot.length).toBeLessThan(1000);
  });

  test('several outputs: each drawn once, none counted among the collapsed, 50 at most', () => {
    const weight = node(2, { name: 'weight', trainable: true });
    const outputs = Array.from({ length: 60 }, (_v, i) => ops.multiply(weight, i));
    const chained = ops.add(outputs[0]!, outputs[1]!); // outputs[0] and [1] feed another output
    const collapsed = toCollapsedDot([chained, ...outputs, outputs[0]!, chained]);
    expect(collapsed.nodes).toBe(1 + 60 + 60 + 1);
    expect(collapsed.dot).toContain('"60 operations and inputs collapsed"'); // the 60 constants
    const drawnOutputs = collapsed.dot.match(/^ {2}hidden -> n\d+;$/gm);
    expect(drawnOutputs).toHaveLength(50);
    expect(collapsed.dot).toContain(`  hidden -> n${chained.id};`);
    expect(collapsed.dot).toContain(`  hidden -> n${outputs[48]!.id};`);
    expect(collapsed.dot).not.toContain(`n${outputs[49]!.id}`);
    expect(collapsed.dot).toContain('  more_outputs [label="11 more outputs"');
    expect(collapsed.dot).toContain('  hidden -> more_outputs;');
    expect(toCollapsedDot([]).dot).toContain('"0 operations and inputs collapsed"');
  });

  test('with the defaults the text stays under 50,000 characters, however long the labels', () => {
    const quotes = '"'.repeat(10_000);
    const parameters = Array.from({ length: 200 }, () =>
      node(quotes, { name: quotes, trainable: true }),
    );
    const outputs = parameters.map((parameter) =>
      bundle((value: string) => value, { name: quotes })(parameter),
    );
    for (const output of outputs) output.backward(quotes, { propagator: new SumPropagator() });
    const { dot } = toCollapsedDot(outputs);
    expect(dot).toContain('150 more parameters');
    expect(dot).toContain('150 more outputs');
    expect(dot.length).toBeLessThan(50_000);
  });

  test('feedback that is a trace graph shows the user feedback of each pass', () => {
    const { weight, output } = chain(5);
    output.backward({ score: 0.5, note: 'too "small"' });
    output.backward('second pass');
    const label = labelOf(toCollapsedDot(output).dot, `n${weight.id}`);
    expect(label).toBe(
      `"${weight.name}\\n1\\nreceived: {\\"score\\":0.5,\\"note\\":\\"too \\\\\\"small\\\\\\"\\"}; second pass"`,
    );
    const long = toCollapsedDot(output, { valueLimit: 10 });
    // Each item is cut to valueLimit (the list as a whole to 3 times that).
    expect(labelOf(long.dot, `n${weight.id}`)).toBe(
      `"${weight.name}\\n1\\nreceived: {\\"score\\":…; second pa…"`,
    );
  });

  test('values JSON cannot write are previewed, never thrown', () => {
    const circular: Record<string, unknown> = Object.create(null);
    circular.self = circular;
    const values = [
      circular,
      { toJSON: () => undefined },
      { big: 1n },
      Symbol('s'),
      Number.NaN,
      -0,
    ];
    const parameters = values.map((value, i) => node(value, { name: `v${i}`, trainable: true }));
    const { dot } = toCollapsedDot(parameters);
    const labels = parameters.map((item) => labelOf(dot, `n${item.id}`));
    expect(labels.map((label) => label.replace(/^"v\d+:\d+\\n/, ''))).toEqual([
      '[object Object]"',
      '[object Object]"',
      '[object Object]"',
      'Symbol(s)"',
      'NaN"',
      '0"',
    ]);
  });

  test('refuses limits that are not whole numbers >= 1, naming the option', () => {
    const { output } = chain(1);
    for (const [name, value] of [
      ['valueLimit', 0],
      ['maxShown', Number.NaN],
      ['nameLimit', 1.5],
      ['maxShown', Number.POSITIVE_INFINITY],
    ] as const) {
      let error: unknown;
      try {
        toCollapsedDot(output, { [name]: value });
      } catch (caught) {
        error = caught;
      }
      expect(TraceError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT');
      expect((error as Error).message).toContain(`${name} must be a whole number >= 1`);
    }
  });
});
