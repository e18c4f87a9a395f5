import type { TraceGraph } from '../backward/trace-graph.js';
import type { Node } from '../graph/node.js';
import { graphView, preview } from './graph-view.js';

/**
 * Mermaid flowchart text of a node's graph, of several outputs' graph (each node once) or of a trace
 * graph (paste it into any Mermaid renderer). Parameters, exceptions and the outputs get their own
 * classes.
 */
export function toMermaid(
  target: Node | readonly Node[] | TraceGraph,
  options: { valueLimit?: number } = {},
): string {
  const view = graphView(target);
  const lines = ['flowchart TD'];
  for (const { node, role } of view.nodes) {
    const label = `${escapeLabel(node.name)}<br/>${escapeLabel(preview(node._data, options.valueLimit))}`;
    const shape =
      role === 'parameter' ? [`[`, `]`] : role === 'exception' ? ['{{', '}}'] : ['(', ')'];
    lines.push(`  n${node.id}${shape[0]}"${label}"${shape[1]}:::${role}`);
  }
  for (const edge of view.edges)
    lines.push(`  n${edge.from.id} -->|${escapeLabel(edge.label) || ' '}| n${edge.to.id}`);
  lines.push(
    '  classDef parameter fill:#cfe8ff,stroke:#3b7dd8',
    '  classDef exception fill:#ffd0d0,stroke:#c62828',
    '  classDef output fill:#fff2b3,stroke:#b38f00',
    '  classDef operation fill:#ffffff,stroke:#777777',
    '  classDef input fill:#f4f4f4,stroke:#999999,stroke-dasharray: 3 3',
  );
  return lines.join('\n');
}

/**
 * Text safe inside a Mermaid label: every ASCII character other than letters, digits, space and
 * `_.,:+-*=!?'@%^~$` becomes a numeric entity (`#34;`), as do control, format and separator
 * characters, so quotes, brackets, pipes, backticks, `#`, `&` and HTML never reach the output raw.
 */
function escapeLabel(text: string): string {
  return text.replace(
    /[^\p{L}\p{M}\p{N}\p{S}\p{P} ]|[^\P{ASCII}A-Za-z0-9 _.,:+\-*=!?'@%^~$]/gu,
    (character) => `#${character.codePointAt(0)};`,
  );
}
