import type { Node } from '@trace/core';

/** Text safe inside a DOT double-quoted string (backslashes, quotes, line breaks, control characters). */
export function dotLabel(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|[\n\r\u2028\u2029]/g, '\\n')
    .replace(/\p{Cc}/gu, ' ');
}

function preview(value: unknown, limit: number): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** Every node of `output`'s graph (it and its ancestors), found iteratively (deep graphs are fine). */
export function ancestors(output: Node): Node[] {
  const seen = new Set<Node>([output]);
  const stack: Node[] = [output];
  while (stack.length > 0) {
    for (const parent of stack.pop()!.parents) {
      if (!seen.has(parent)) {
        seen.add(parent);
        stack.push(parent);
      }
    }
  }
  return [...seen];
}

/**
 * The collapsed form of a large graph: the output, every parameter with its value and the feedback
 * it received, and one node standing for the operations in between (with their count).
 */
export function collapsedDot(output: Node, nodes: readonly Node[], valueLimit: number): string {
  const parameters = nodes.filter((node) => node.trainable);
  const hidden = nodes.length - parameters.length - 1;
  const lines = [
    'digraph trace {',
    '  rankdir=TB;',
    '  node [fontname="Helvetica", fontsize=10];',
    `  hidden [label="${hidden} operations and inputs collapsed", shape=box3d, style=dashed];`,
    `  output [label="${dotLabel(output.name)}\\n${dotLabel(preview(output.data, valueLimit))}", shape=doubleoctagon, style=filled, fillcolor="#fff2b3"];`,
    '  hidden -> output;',
  ];
  parameters.forEach((parameter, index) => {
    const feedback = parameter.feedback.map((item) => preview(item, valueLimit)).join('; ');
    const label = `${dotLabel(parameter.name)}\\n${dotLabel(preview(parameter.data, valueLimit))}${
      feedback ? `\\nfeedback: ${dotLabel(feedback)}` : ''
    }`;
    lines.push(
      `  p${index} [label="${label}", shape=box, style="rounded,filled", fillcolor="#cfe8ff"];`,
    );
    lines.push(`  p${index} -> hidden;`);
  });
  lines.push('}');
  return lines.join('\n');
}
