import type { RunDetail } from '../common/api-types.js';
import type { DataSource } from './data-source.js';
import { el, num } from './dom.js';
import { runFacts } from './run-view.js';
import { diffTable } from './step-view.js';

function seriesTable(a: RunDetail, b: RunDetail): HTMLElement {
  const useEvaluations = a.evaluations.length > 0 || b.evaluations.length > 0;
  const valuesOf = (detail: RunDetail) =>
    new Map<number, number>(
      useEvaluations
        ? detail.evaluations.map((e) => [e.step, e.mean])
        : detail.steps.map((s) => [s.step, s.meanScore]),
    );
  const left = valuesOf(a);
  const right = valuesOf(b);
  const steps = [...new Set([...left.keys(), ...right.keys()])].sort((x, y) => x - y);
  return el(
    'table',
    { class: 'compare-series' },
    el('caption', {}, useEvaluations ? 'Evaluation mean by step' : 'Batch mean score by step'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'step'),
        el('th', { scope: 'col' }, 'run A'),
        el('th', { scope: 'col' }, 'run B'),
      ),
    ),
    el(
      'tbody',
      {},
      ...steps.map((step) =>
        el(
          'tr',
          {},
          el('td', {}, step),
          el('td', { class: 'num' }, num(left.get(step))),
          el('td', { class: 'num' }, num(right.get(step))),
        ),
      ),
    ),
  );
}

function finalParameters(detail: RunDetail): Map<string, unknown> {
  const list = (detail.final?.parameters ?? detail.manifest.parameters) as unknown;
  const map = new Map<string, unknown>();
  if (Array.isArray(list)) {
    for (const item of list) {
      if (typeof item === 'object' && item !== null && 'name' in item) {
        map.set(String((item as { name: unknown }).name), (item as { value?: unknown }).value);
      }
    }
  }
  return map;
}

/** Two runs side by side: their facts, their scores by step, and their final parameters diffed. */
export async function renderCompareView(
  root: HTMLElement,
  source: DataSource,
  a: string,
  b: string,
): Promise<void> {
  const [left, right] = await Promise.all([source.run(a), source.run(b)]);
  document.title = `Compare ${left.summary.runId} and ${right.summary.runId}`;
  const leftParameters = finalParameters(left);
  const rightParameters = finalParameters(right);
  const names = [...new Set([...leftParameters.keys(), ...rightParameters.keys()])].sort();
  root.replaceChildren(
    el('p', {}, el('a', { href: '#/' }, '← All runs')),
    el('h1', {}, 'Compare runs'),
    el(
      'div',
      { class: 'side-by-side' },
      el(
        'section',
        { 'aria-label': 'Run A' },
        el('h2', {}, `A: ${left.summary.runId}`),
        runFacts(left),
      ),
      el(
        'section',
        { 'aria-label': 'Run B' },
        el('h2', {}, `B: ${right.summary.runId}`),
        runFacts(right),
      ),
    ),
    seriesTable(left, right),
    el(
      'section',
      { 'aria-label': 'Final parameters' },
      el('h2', {}, 'Final parameters (A left, B right)'),
      ...(names.length === 0
        ? [el('p', {}, 'Neither run records parameters.')]
        : names.map((name) =>
            diffTable(name, leftParameters.get(name), rightParameters.get(name)),
          )),
    ),
  );
}
