import { el, num } from './dom.js';
import { type GraphRenderer, SupersededError } from './graph-renderer.js';
import { importSvg } from './svg-import.js';

/** Longest DOT text the viewer lays out (the trainer records at most 100,000 characters). */
export const maxDrawnDotChars = 1_000_000;

type Json = Record<string, unknown>;

function message(text: string, state: string): HTMLElement {
  return el(
    'section',
    { class: 'graph', 'aria-label': 'Trace graph', 'data-graph-state': state },
    el('h4', {}, 'Trace graph'),
    el('p', {}, text),
  );
}

/** Marks the parameter nodes (by their DOT ids, the `<title>` Graphviz gives each node). */
function highlightParameters(svg: SVGSVGElement, parameterIds: ReadonlySet<string>): number {
  let marked = 0;
  for (const group of svg.querySelectorAll('g.node')) {
    const title = group.querySelector(':scope > title')?.textContent ?? '';
    if (parameterIds.has(title)) {
      group.classList.add('parameter');
      marked++;
    }
  }
  return marked;
}

/**
 * The trace graph of a step (`graph: { dot, nodes, collapsed, parameterIds }` in the step event),
 * drawn to SVG by Graphviz in a worker, parameters outlined; or why there is none. The section is
 * returned at once and filled in when the layout is done (`data-graph-state`: `drawing`, `drawn`,
 * `failed`; `none` when the step has no graph).
 */
export function graphSection(graph: unknown, renderer: GraphRenderer | undefined): HTMLElement {
  if (typeof graph !== 'object' || graph === null) {
    return message('No graph recorded for this step.', 'none');
  }
  const record = graph as Json;
  if (typeof record.error === 'string') {
    return message(`The trainer could not record this step's graph: ${record.error}`, 'none');
  }
  if (typeof record.dot !== 'string') return message('No graph recorded for this step.', 'none');
  const dot = record.dot;
  const nodes = typeof record.nodes === 'number' ? record.nodes : undefined;
  const collapsed = record.collapsed === true;
  const parameterIds = new Set(
    Array.isArray(record.parameterIds) ? record.parameterIds.map(String) : [],
  );
  const status = el('p', { class: 'graph-status', role: 'status' }, 'Drawing the graph…');
  const canvas = el('div', {
    class: 'graph-canvas',
    tabindex: 0,
    role: 'group',
    'aria-label': 'Trace graph drawing (scrollable)',
  });
  const section = el(
    'section',
    { class: 'graph', 'aria-label': 'Trace graph', 'data-graph-state': 'drawing' },
    el(
      'h4',
      {},
      `Trace graph (${nodes === undefined ? '?' : num(nodes)} nodes${collapsed ? ', collapsed' : ''})`,
    ),
    collapsed
      ? el(
          'p',
          {},
          'A large graph: shown collapsed to the parameters (with what they received in backward), one node counting the operations and inputs in between, and the outputs.',
        )
      : null,
    status,
    canvas,
    el(
      'details',
      {},
      el('summary', {}, 'DOT source'),
      el('pre', { class: 'text', 'aria-label': 'DOT source', tabindex: 0 }, dot),
    ),
  );
  const fail = (text: string) => {
    status.textContent = text;
    section.setAttribute('data-graph-state', 'failed');
  };
  if (dot.length > maxDrawnDotChars) {
    fail(
      `Not drawn: ${num(dot.length)} characters of DOT is more than the viewer lays out (${num(maxDrawnDotChars)}); the DOT source is below.`,
    );
  } else if (renderer === undefined) {
    fail('Not drawn: this page carries no Graphviz (the DOT source is below).');
  } else {
    // Laid out after the step's other content is painted: the step never waits for its graph.
    afterPaint(() => draw(renderer));
  }
  return section;

  function draw(renderer: GraphRenderer): void {
    if (!section.isConnected) {
      section.setAttribute('data-graph-state', 'superseded');
      return;
    }
    renderer.render(dot).then(
      (text) => {
        try {
          const svg = importSvg(text);
          const marked = highlightParameters(svg, parameterIds);
          svg.setAttribute('role', 'img');
          svg.setAttribute(
            'aria-label',
            `Trace graph: ${nodes ?? '?'} nodes, ${marked} parameter${marked === 1 ? '' : 's'} outlined`,
          );
          canvas.replaceChildren(svg);
          status.textContent =
            marked > 0
              ? `Parameters (${marked}) are outlined in blue.`
              : 'No parameter in this graph.';
          section.setAttribute('data-graph-state', 'drawn');
        } catch (error) {
          fail(`Could not draw the graph: ${(error as Error).message}`);
        }
      },
      (error: Error) => {
        if (error instanceof SupersededError) {
          section.setAttribute('data-graph-state', 'superseded');
          status.textContent = 'Not drawn (another step was shown first).';
        } else {
          fail(`Could not draw the graph: ${error.message}`);
        }
      },
    );
  }
}

/** Runs `work` once the next frame has been painted. */
function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
