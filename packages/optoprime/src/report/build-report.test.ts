import {
  bundle,
  isMessageNode,
  type Node,
  node,
  ops,
  scope,
  TraceExecutionError,
  TraceGraph,
} from '@trace/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  chain,
  combine,
  diamond,
  edgesOf,
  minibatch,
  parseCodeSection,
  scale,
  shift,
  trainableOperator,
} from '../../test/graphs.js';
import { buildProblemReport } from './build-report.js';
import { traceMaskedSections } from './report-sections.js';

function graphsOf(parameters: readonly Node[]): TraceGraph[] {
  const graphs = parameters.flatMap((parameter) => parameter.feedback as TraceGraph[]);
  return TraceGraph.union(graphs);
}

function report(parameters: readonly Node[], options: Parameters<typeof buildProblemReport>[1]) {
  return buildProblemReport(graphsOf(parameters), options);
}

describe('buildProblemReport', () => {
  test('a chain, in execution order, with every section', () => {
    const { x, output } = chain();
    output.backward('The output should be larger.');
    expect(report([x], { parameters: [x] }).text).toMatchInlineSnapshot(`
      "#Instruction
      Change the variables so that the outputs meet what the feedback asks for.

      #Code
      scale0 = scale(value=x0, factor=number0)
      shift0 = shift(value=scale0, offset=number1)

      #Documentation
      [scale] Returns value * factor.
      [shift] Returns value + offset.

      #Variables
      (number) x0 = -1
        // The value to tune.

      #Inputs
      (number) number0 = 3
      (number) number1 = 1

      #Others
      (number) scale0 = -3

      #Outputs
      (number) shift0 = -2

      #Feedback
      The output should be larger."
    `);
  });

  test('a diamond and a node used twice keep every edge', () => {
    const { x, output } = diamond();
    output.backward('Make the output 100.');
    const built = report([x], { parameters: [x] });
    expect(built.text).toMatchInlineSnapshot(`
      "#Instruction
      Change the variables so that the outputs meet what the feedback asks for.

      #Code
      scale0 = scale(value=x0, factor=number0)
      shift0 = shift(value=x0, offset=number1)
      combine0 = combine(left=scale0, right=shift0)
      combine1 = combine(left=combine0, right=x0)

      #Documentation
      [scale] Returns value * factor.
      [shift] Returns value + offset.
      [combine] Multiplies left by right.

      #Variables
      (number) x0 = 2

      #Inputs
      (number) number0 = 2
      (number) number1 = 5

      #Others
      (number) scale0 = 4
      (number) shift0 = 7
      (number) combine0 = 28

      #Outputs
      (number) combine1 = 56

      #Feedback
      Make the output 100."
    `);
  });

  test('a code parameter shows its full source and how it is called', () => {
    const { act, code, speed, position } = trainableOperator();
    const output = act(position, speed);
    output.backward('The robot should move 12 steps.');
    const built = report([code, speed], { parameters: [code, speed] });
    expect(built.text).toMatchInlineSnapshot(`
      "#Instruction
      Change the variables so that the outputs meet what the feedback asks for.

      #Code
      act0 = act(position=position0, speed=speed0, __code=__code_act0)

      #Documentation
      [act] Moves from position at the given speed.

      #Variables
      (code) __code_act0 =
      \`\`\`js
      function act(position, speed) {
      			return position * speed;
      		}
      \`\`\`
        // [code] The source of operator 'act'. Changing it changes what 'act' computes.
      (number) speed0 = 2

      #Constraints
      __code_act0: the complete source of one JavaScript function; act calls it with (position, speed).

      #Inputs
      (number) position0 = 3
        // Where the robot starts.

      #Outputs
      (number) act0 = 6

      #Feedback
      The robot should move 12 steps."
    `);
    expect([...built.variables.keys()]).toEqual([code.label, speed.label]);
  });

  test('an exception output shows the failing call and the error', () => {
    const { act, code, speed, position } = trainableOperator({ throws: true });
    let failure: unknown;
    try {
      act(position, speed);
    } catch (error) {
      failure = error;
    }
    if (!TraceExecutionError.isInstance(failure)) throw new Error('expected an execution error');
    const exception = failure.exceptionNode;
    exception.backward(exception.data);
    const built = report([code, speed], { parameters: [code, speed] });
    // The error text itself is core's (it names the failing line); the report shows it exactly.
    // The exception takes the index of the call that failed (`act` was called once before, at the root).
    expect(exception.label).toMatch(/^exception_act\d+$/);
    expect(built.sections.code).toBe(
      `${exception.label} = act(position=position0, speed=speed0, __code=__code_act0)`,
    );
    expect(built.sections.outputs).toBe(
      `(string) ${exception.label} = ${JSON.stringify(exception.data)}`,
    );
    expect(built.sections.feedback).toBe(exception.data);
    expect(exception.data).toMatch(/RangeError: position 3 is too far/);
    expect(built.visibleSections).toEqual([
      'instruction',
      'code',
      'documentation',
      'variables',
      'constraints',
      'inputs',
      'outputs',
      'feedback',
    ]);
  });

  test('a minibatch renders each output with its own feedback and unique names', () => {
    const { weight, outputs } = minibatch([2, 4]);
    outputs[0]!.backward('Should be 5.');
    outputs[1]!.backward('Should be 9.\nIt is too small.');
    const built = report([weight], { parameters: [weight] });
    expect(built.text).toMatchInlineSnapshot(`
      "#Instruction
      Change the variables so that the outputs meet what the feedback asks for.

      #Code
      scale0 = scale(value=input0, factor=weight0)
      shift0 = shift(value=scale0, offset=number0)
      scale0_2 = scale(value=input0_2, factor=weight0)
      shift0_2 = shift(value=scale0_2, offset=number0_2)

      #Documentation
      [scale] Returns value * factor.
      [shift] Returns value + offset.

      #Variables
      (number) weight0 = 1.5

      #Inputs
      (number) input0 = 2
      (number) number0 = 1
      (number) input0_2 = 4
      (number) number0_2 = 1

      #Others
      (number) scale0 = 3
      (number) scale0_2 = 6

      #Outputs
      (number) shift0 = 4
      (number) shift0_2 = 7

      #Feedback
      shift0: Should be 5.
      shift0_2: Should be 9.
        It is too small."
    `);
    const labels = [...built.labels.values()];
    expect(new Set(labels).size).toBe(labels.length);
  });

  test('masking hides the program but keeps variables, outputs and feedback', () => {
    const { x, output } = chain();
    output.backward('The output should be larger.');
    const built = report([x], { parameters: [x], hiddenSections: traceMaskedSections });
    expect(built.visibleSections).toEqual(['instruction', 'variables', 'outputs', 'feedback']);
    expect(built.text).not.toContain('#Code');
    expect(built.text).not.toContain('scale(');
    expect(built.sections.code).not.toBe('');
  });

  test('long values are cut with a visible marker; variables never are', () => {
    const { x, output } = chain();
    output.backward('x'.repeat(50));
    const built = report([x], { parameters: [x], maxValueLength: 1, maxFeedbackLength: 10 });
    expect(built.sections.inputs).toBe('(number) number0 = 3\n(number) number1 = 1');
    expect(built.sections.others).toBe('(number) scale0 = -…[cut: 1 more characters of 2]');
    expect(built.sections.feedback).toBe('xxxxxxxxxx…[cut: 40 more characters of 50]');
    const { prompt, joined } = scope(() => {
      const prompt = node('p'.repeat(40), { name: 'prompt', trainable: true });
      return { prompt, joined: shift(prompt as never, 'q'.repeat(40) as never) };
    });
    joined.backward('shorter');
    const cut = report([prompt], { parameters: [prompt], maxValueLength: 8 });
    expect(cut.sections.variables).toBe(`(string) prompt0 = "${'p'.repeat(40)}"`);
    expect(cut.sections.inputs).toBe('(string) string0 = "qqqqqqq…[cut: 34 more characters of 42]');
  });

  test('parameters of other optimizers are inputs, not variables', () => {
    const { x, output } = chain();
    output.backward('larger');
    const built = buildProblemReport(graphsOf([x]), { parameters: [] });
    expect(built.variables.size).toBe(0);
    expect(built.sections.inputs).toContain('(number) x0 = -1');
  });
});

describe('the code section', () => {
  test('parses back into the same operator edges (chain, diamond, code, minibatch)', () => {
    const cases: Node[][] = [];
    const first = chain();
    first.output.backward('f');
    cases.push([first.x]);
    const second = diamond();
    second.output.backward('f');
    second.twice.backward('g');
    cases.push([second.x]);
    const third = trainableOperator();
    third.act(third.position, third.speed).backward('f');
    cases.push([third.code, third.speed]);
    const fourth = minibatch([1, 2, 3]);
    for (const output of fourth.outputs) output.backward('f');
    cases.push([fourth.weight]);
    for (const parameters of cases) {
      const graphs = graphsOf(parameters);
      const built = buildProblemReport(graphs, { parameters });
      const calls = [...built.labels.keys()]
        .filter((item) => isMessageNode(item) && graphs.some((graph) => graph.isOnPath(item)))
        .sort((a, b) => a.id - b.id);
      expect(parseCodeSection(built.sections.code)).toEqual(edgesOf(calls, built.labels));
    }
  });

  test('property: random DAGs render every node once and every edge exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 2 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (steps) => {
          const { parameters, output } = scope(() => {
            const roots = [
              node(1, { name: 'p', trainable: true }),
              node(2, { name: 'p', trainable: true }),
              node(3, { name: 'c' }),
            ];
            const pool: Node<number>[] = [...roots];
            for (const [left, right, kind] of steps) {
              const a = pool[left % pool.length]!;
              const b = pool[right % pool.length]!;
              pool.push([scale, shift, combine][kind]!(a, b));
            }
            return { parameters: roots.slice(0, 2), output: pool[pool.length - 1]! };
          });
          output.backward('feedback');
          const reached = parameters.filter((parameter) => parameter.feedback.length > 0);
          if (reached.length === 0) return;
          const graphs = graphsOf(reached);
          const built = buildProblemReport(graphs, { parameters: reached });
          const calls = graphs[0]!.nodes.filter(
            (item) => isMessageNode(item) && graphs[0]!.isOnPath(item),
          );
          expect(parseCodeSection(built.sections.code)).toEqual(edgesOf(calls, built.labels));
          // Every node of the graph is shown with its value exactly once.
          const valueLines = ['variables', 'inputs', 'others', 'outputs']
            .flatMap((section) => built.sections[section as 'inputs'].split('\n'))
            .filter((line) => line.startsWith('('));
          expect(valueLines).toHaveLength(graphs[0]!.nodes.length);
          for (const item of graphs[0]!.nodes) {
            expect(
              valueLines.filter((line) => line.includes(` ${built.labels.get(item)} = `)),
            ).toHaveLength(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('operator names and parameter labels', () => {
  test('two operators with the same name each keep their own documentation line', () => {
    const x = scope(() => node('a', { name: 'x', trainable: true }));
    const formatName = bundle((text: string) => `name: ${text}`, {
      name: 'format',
      description: 'Formats a name.',
    });
    const formatDate = bundle((text: string) => `date: ${text}`, {
      name: 'format',
      description: 'Formats a date.',
    });
    const output = scope(() => formatDate(formatName(formatName(x))));
    output.backward('Shorter.');
    const built = report([x], { parameters: [x] });
    expect(built.sections.documentation).toBe(
      '[format] Formats a name.\n[format_2] Formats a date.',
    );
    expect(built.sections.code).toBe(
      'format0 = format(text=x0)\nformat1 = format(text=format0)\nformat2 = format_2(text=format1)',
    );
  });

  test('unnamed arrow functions no longer collide as one operator', () => {
    const x = scope(() => node(1, { name: 'x', trainable: true }));
    const double = bundle((a: number) => a * 2);
    const increment = bundle((a: number) => a + 1);
    const output = scope(() => increment(double(x)));
    output.backward('Larger.');
    const lines = report([x], { parameters: [x] }).sections.documentation.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[operator\] /);
    expect(lines[1]).toMatch(/^\[operator_2\] /);
  });

  test("a parameter's label does not depend on which parameters received feedback", () => {
    // Two parameters created in two scopes are both named x:0.
    const first = scope(() => node(1, { name: 'x', trainable: true }));
    const second = scope(() => node(2, { name: 'x', trainable: true }));
    const onlySecond = scope(() => ops.add(second, 1));
    onlySecond.backward('Larger.');
    const alone = report([second], { parameters: [first, second] });
    expect([...alone.variables.keys()]).toEqual(['x0_2']);
    expect(alone.sections.variables).toBe('(number) x0_2 = 2');

    second.zeroFeedback();
    const both = scope(() => ops.add(first, second));
    both.backward('Larger.');
    const together = report([first, second], { parameters: [first, second] });
    expect(together.variables.get('x0')).toBe(first);
    expect(together.variables.get('x0_2')).toBe(second);
  });
});
