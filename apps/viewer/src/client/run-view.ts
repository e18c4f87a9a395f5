import type { RunDetail } from '../shared/api-types.js';
import type { DataSource } from './data-source.js';
import { append, button, el, num, usd } from './dom.js';
import { runHref } from './routes.js';
import { stepView } from './step-view.js';

/** The header facts of a run. */
export function runFacts(detail: RunDetail): HTMLElement {
  const s = detail.summary;
  const facts: [string, string][] = [
    ['run id', s.runId],
    ['experiment', s.experiment ?? '—'],
    ['method', s.method],
    ['task', s.task ?? '—'],
    ['seed', s.seed === undefined ? '—' : String(s.seed)],
    ['model', s.model ?? '—'],
    ['status', s.reason === undefined ? s.status : `${s.status} (${s.reason})`],
    ['steps', String(s.steps)],
    ['cost', usd(s.costUsd)],
    [
      'best score',
      `${num(s.bestScore)}${s.bestSource && s.bestSource !== 'best' ? ` (${s.bestSource})` : ''}`,
    ],
    ['events', `${detail.eventCount}${detail.truncatedTail ? ' (last line incomplete)' : ''}`],
  ];
  return el(
    'dl',
    { class: 'facts' },
    ...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-fact': k }, v)]),
  );
}

/**
 * The run view: facts, the list of steps (links; ArrowUp/ArrowDown or k/j move between steps),
 * and the selected step's detail. Returns the run's detail.
 */
export async function renderRunView(
  root: HTMLElement,
  source: DataSource,
  id: string,
  selected: number | undefined,
): Promise<RunDetail> {
  const detail = await source.run(id);
  document.title = `${detail.summary.runId} — Trace run`;
  const steps = detail.steps;
  const current = selected ?? steps[0]?.step;
  const list = el(
    'ol',
    { class: 'step-list', 'aria-label': 'Steps' },
    ...steps.map((entry) =>
      el(
        'li',
        {},
        el(
          'a',
          {
            href: runHref(id, entry.step),
            'aria-current': entry.step === current ? 'step' : undefined,
            class: entry.accepted ? 'accepted' : 'rejected',
          },
          `Step ${entry.step} · ${num(entry.meanScore)} · ${entry.accepted ? 'accepted' : 'rejected'}`,
        ),
      ),
    ),
  );
  const index = steps.findIndex((entry) => entry.step === current);
  const nav = el(
    'nav',
    { class: 'step-nav', 'aria-label': 'Step navigation' },
    button('← Previous step', () => moveStep(-1), {
      'aria-label': 'Previous step',
      disabled: index <= 0,
    }),
    button('Next step →', () => moveStep(1), {
      'aria-label': 'Next step',
      disabled: index < 0 || index >= steps.length - 1,
    }),
    el('span', { class: 'hint' }, ' Keys: ↑/↓ or k/j move between steps.'),
  );
  const body = el('div', { class: 'step-body' });
  root.replaceChildren();
  append(root, [
    el('p', {}, el('a', { href: '#/' }, '← All runs')),
    el('h1', {}, detail.summary.runId),
    runFacts(detail),
    ...(detail.notices.length > 0
      ? [
          el(
            'ul',
            { class: 'notices' },
            ...detail.notices.map((n) => el('li', {}, `${n.type} at step ${n.step}: ${n.text}`)),
          ),
        ]
      : []),
    el(
      'div',
      { class: 'run-layout' },
      el(
        'aside',
        {},
        el('h2', {}, 'Steps'),
        steps.length === 0 ? el('p', {}, 'No optimizer steps recorded (evaluations only).') : list,
      ),
      el('section', { 'aria-label': 'Selected step' }, nav, body),
    ),
    detail.evaluations.length > 0
      ? el(
          'section',
          { 'aria-label': 'Evaluations' },
          el('h2', {}, 'Evaluations'),
          el(
            'table',
            {},
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                ...['step', 'split', 'mean', '± s.e.', 'best'].map((h) =>
                  el('th', { scope: 'col' }, h),
                ),
              ),
            ),
            el(
              'tbody',
              {},
              ...detail.evaluations.map((e) =>
                el(
                  'tr',
                  {},
                  el('td', {}, e.step),
                  el('td', {}, e.split),
                  el('td', { class: 'num' }, num(e.mean)),
                  el('td', { class: 'num' }, num(e.standardError)),
                  el('td', {}, e.best ? 'best' : ''),
                ),
              ),
            ),
          ),
        )
      : null,
  ]);
  function moveStep(delta: number) {
    const next = steps[index + delta];
    if (next !== undefined) location.hash = runHref(id, next.step);
  }
  if (current !== undefined) {
    const event = await source.step(id, current);
    body.replaceChildren(
      event === undefined ? el('p', {}, `No step ${current} in this run.`) : stepView(event),
    );
  }
  return detail;
}

/** The step `delta` positions from `current` in a run's step list, if any. */
export function neighbourStep(
  detail: RunDetail,
  current: number | undefined,
  delta: number,
): number | undefined {
  const steps = detail.steps;
  const index = steps.findIndex((entry) => entry.step === current);
  return index < 0 ? steps[0]?.step : steps[index + delta]?.step;
}
