import type { RunSummary } from '../common/api-types.js';
import { drawChart } from './chart.js';
import type { DataSource } from './data-source.js';
import { button, el, num, usd } from './dom.js';
import { runHref } from './routes.js';

function statusBadge(run: RunSummary): HTMLElement {
  return el(
    'span',
    { class: `status status-${run.status}`, title: run.reason ?? run.status },
    run.status,
  );
}

function runsTable(runs: readonly RunSummary[]): HTMLElement {
  const head = el(
    'tr',
    {},
    ...[
      'run',
      'experiment',
      'method',
      'task',
      'model',
      'seed',
      'status',
      'steps',
      'cost',
      'best score',
    ].map((name) => el('th', { scope: 'col' }, name)),
  );
  const rows = runs.map((run) =>
    el(
      'tr',
      { 'data-run': run.id },
      el('td', {}, el('a', { href: runHref(run.id) }, run.id === '.' ? run.runId : run.id)),
      el('td', {}, run.experiment ?? '—'),
      el('td', {}, run.method),
      el('td', {}, run.task ?? '—'),
      el('td', {}, run.model ?? '—'),
      el('td', {}, run.seed ?? '—'),
      el('td', {}, statusBadge(run), run.error ? el('div', { class: 'error' }, run.error) : null),
      el('td', { class: 'num' }, run.steps),
      el('td', { class: 'num' }, usd(run.costUsd)),
      el(
        'td',
        { class: 'num', title: run.bestSource ?? '' },
        num(run.bestScore),
        run.bestSource && run.bestSource !== 'best'
          ? el('small', {}, ` (${run.bestSource})`)
          : null,
      ),
    ),
  );
  return el(
    'table',
    { class: 'runs' },
    el('caption', {}, `${runs.length} runs`),
    el('thead', {}, head),
    el('tbody', {}, ...rows),
  );
}

function comparePicker(runs: readonly RunSummary[]): HTMLElement {
  const options = () =>
    runs.map((run) => el('option', { value: run.id }, run.id === '.' ? run.runId : run.id));
  const left = el('select', { id: 'compare-a' }, ...options()) as HTMLSelectElement;
  const right = el('select', { id: 'compare-b' }, ...options()) as HTMLSelectElement;
  if (runs.length > 1) right.selectedIndex = 1;
  return el(
    'form',
    { class: 'compare-picker', 'aria-label': 'Compare two runs' },
    el('label', { for: 'compare-a' }, 'Run A '),
    left,
    el('label', { for: 'compare-b' }, ' Run B '),
    right,
    ' ',
    button('Compare', () => {
      location.hash = `#/compare/${encodeURIComponent(left.value)}/${encodeURIComponent(right.value)}`;
    }),
  );
}

/** The runs view: every run's summary, the learning curves per method, and a comparison picker. */
export async function renderRunsView(root: HTMLElement, source: DataSource): Promise<void> {
  const [{ title, runs }, curves] = await Promise.all([source.runs(), source.curves()]);
  document.title = title;
  const charts = el(
    'section',
    { class: 'charts', 'aria-label': 'Learning curves' },
    el('h2', {}, 'Learning curves'),
  );
  root.replaceChildren(
    el('h1', {}, title),
    el('section', { 'aria-label': 'Runs' }, runsTable(runs)),
    comparePicker(runs),
    charts,
  );
  if (curves.length === 0) charts.append(el('p', {}, 'No evaluations or steps recorded yet.'));
  for (const chart of curves) {
    const box = el('figure', { class: 'chart', 'data-experiment': chart.experiment });
    charts.append(box);
    await drawChart(box, chart.spec);
  }
}
