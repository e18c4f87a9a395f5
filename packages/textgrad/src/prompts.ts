import { isCodeParameter, isMessageNode, type Node } from '@trace/core';
import {
  describeType,
  fenceCode,
  renderValue,
  truncateText,
  type ValueKinds,
  valueKindOf,
} from '@trace/optimizer-kit';

/** What every TextGrad prompt needs to show values and name nodes. */
export interface PromptContext {
  readonly objective: string;
  readonly labels: ReadonlyMap<Node, string>;
  readonly maxValueLength: number;
  readonly maxGradientLength: number;
  readonly valueKinds?: ValueKinds;
}

/** The system prompt of a gradient request (one per node and input). */
export const gradientSystemPrompt = [
  'You take part in improving a computation by passing written criticism backward through it, one',
  'step at a time, the way a gradient is passed back through a network.',
  'You are shown one step of the computation: what the step does, the values it received, the value',
  'it produced, and criticism of that produced value. Explain how ONE of the received values',
  'should change so that the produced value answers that criticism better.',
  'Be specific and actionable, speak only about the value you are asked about, and do not write a',
  'new value for it. If that value is not to blame, say so briefly.',
  'Write your criticism between <feedback> and </feedback>.',
].join('\n');

/** The system prompt of a summary request (a node with many gradients). */
export const summarySystemPrompt = [
  'You merge several pieces of criticism of one value into one.',
  'Keep every distinct, actionable point; drop repetitions; where points conflict, say so.',
  'Write the merged criticism between <feedback> and </feedback>.',
].join('\n');

/** The system prompt of the update request (one for all parameters). */
export const updateSystemPrompt = [
  'You improve the variables of a computation from the criticism each one received.',
  'For every variable you are shown its description, its type, its current value, any constraint,',
  'and the criticism passed back to it from the outputs.',
  'Change the variables so that the criticism is answered; keep each value of the same type, and',
  'for code keep the function name and parameters.',
  'Answer with one JSON object and nothing else:',
  '{"reasoning": "<short reasoning>", "suggestion": {"<variable>": <new value>, ...}}',
  'List only the variables you change, under the names shown. If no change would help, answer',
  '{"reasoning": "<why>", "noChange": true}.',
].join('\n');

/** The name a node goes by in prompts, as a Markdown code span (which holds backticks safely). */
function name(context: PromptContext, node: Node): string {
  return codeSpan(context.labels.get(node) ?? node.label);
}

/** `text` as a code span: fenced by more backticks than it contains in a row, padded if needed. */
export function codeSpan(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = longest > 0 || text.startsWith(' ') || text.endsWith(' ') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function value(context: PromptContext, node: Node): string {
  const data: unknown = node.data;
  if (typeof data === 'string' && isCodeParameter(node)) {
    return `\n${fenceCode(truncateText(data, context.maxValueLength))}`;
  }
  return renderValue(data, context.maxValueLength);
}

/** How a node is introduced: its role, and its description when it has one. */
function role(node: Node): string {
  const kind = node.trainable
    ? 'a variable being optimized'
    : isMessageNode(node)
      ? 'a computed value'
      : 'a fixed input';
  return node.description === undefined || isMessageNode(node)
    ? kind
    : `${kind}: ${node.description}`;
}

/** The criticism a node received, as one text (already reduced to one entry when there were many). */
export function joinGradients(gradients: readonly string[]): string {
  if (gradients.length === 1) return gradients[0]!;
  return gradients.map((gradient, index) => `(${index + 1}) ${gradient}`).join('\n');
}

/** The user turn asking for the gradient of `input` through the step that computed `output`. */
export function gradientPrompt(
  context: PromptContext,
  output: Node,
  input: Node,
  received: string,
): string {
  const lines = [`Goal: ${context.objective}`, '', '## The step'];
  if (isMessageNode(output)) {
    const operator = output.operator;
    lines.push(
      `${name(context, output)} was computed by ${codeSpan(operator.name)}: ${operator.description}`,
    );
    lines.push('', '## Values it received');
    output.inputNodes.forEach((node, position) => {
      const argument = output.inputNames[position] ?? `argument ${position + 1}`;
      lines.push(`- ${argument} = ${name(context, node)} (${role(node)}): ${value(context, node)}`);
    });
  } else {
    lines.push(`${name(context, output)} was computed from:`);
    for (const node of output.inputNodes) {
      lines.push(`- ${name(context, node)} (${role(node)}): ${value(context, node)}`);
    }
  }
  lines.push(
    '',
    '## Value it produced',
    `${name(context, output)} = ${value(context, output)}`,
    '',
    `## Criticism of ${name(context, output)}`,
    truncateText(received, context.maxGradientLength),
    '',
    `Explain how ${name(context, input)} should change so that ${name(context, output)} answers this criticism better.`,
  );
  return lines.join('\n');
}

/** The user turn asking to merge the gradients `node` received into one. */
export function summaryPrompt(
  context: PromptContext,
  node: Node,
  gradients: readonly string[],
): string {
  return [
    `Goal: ${context.objective}`,
    '',
    `${name(context, node)} (${role(node)}) = ${value(context, node)}`,
    '',
    `## ${gradients.length} pieces of criticism of ${name(context, node)}`,
    ...gradients.map(
      (gradient, index) => `(${index + 1}) ${truncateText(gradient, context.maxGradientLength)}`,
    ),
    '',
    `Merge them into one criticism of ${name(context, node)}.`,
  ].join('\n');
}

/** The user turn asking for new values of `parameters`, each with the criticism it received. */
export function updatePrompt(
  context: PromptContext,
  parameters: readonly { readonly parameter: Node; readonly gradient: string }[],
): string {
  const lines = [`Goal: ${context.objective}`];
  for (const { parameter, gradient } of parameters) {
    const kind = valueKindOf(parameter, context.valueKinds);
    lines.push('', `## Variable ${name(context, parameter)}`);
    if (parameter.description !== undefined) lines.push(`Description: ${parameter.description}`);
    lines.push(
      `Type: ${kind === 'code' ? 'code (a JavaScript function, as a string)' : kind} (now ${describeType(parameter.data)})`,
    );
    if (parameter.constraint !== undefined) lines.push(`Constraint: ${parameter.constraint.text}`);
    lines.push(`Current value: ${value(context, parameter)}`);
    lines.push('Criticism:', truncateText(gradient, context.maxGradientLength));
  }
  return lines.join('\n');
}
