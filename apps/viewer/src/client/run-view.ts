import type { RunDetail } from '../common/api-types.js';
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

/** A rendered run view: its data, and a way to show another step without rebuilding the page. */
export interface RunViewHandle {
  readonly id: string;
  readonly detail: RunDetail;
  /** Shows `step` (marks it current in the list, updates the buttons, replaces the step body). */
  select(step: number | undefined): Promise<void>;
}

/**
 * The run view: facts, the list of steps (links; ArrowUp/ArrowDown or k/j move between steps),
 * and the selected step's detail.
 */
export async function renderRunView(
  root: HTMLElement,
  source: DataSource,
  id: string,
  selected: number | undefined,
): Promise<RunViewHandle> {
  const detail = await source.run(id);
  document.title = `${detail.summary.runId} — Trace run`;
  const steps = detail.steps;
  const links = new Map<number, HTMLElement>();
  const list = el(
    'ol',
    { class: 'step-list', 'aria-label': 'Steps' },
    ...steps.map((entry) => {
      const link = el(
        'a',
        { href: runHref(id, entry.step), class: entry.accepted ? 'accepted' : 'rejected' },
        `Step ${entry.step} · ${num(entry.meanScore)} · ${entry.accepted ? 'accepted' : 'rejected'}`,
      );
      links.set(entry.step, link);
      return el('li', {}, link);
    }),
  );
  let current: number | undefined;
  // Step events of this rendering (a live refresh renders the run anew, with a new cache).
  const cache = new Map<number, Promise<Record<string, unknown> | undefined>>();
  const fetchStep = (step: number) => {
    let pending = cache.get(step);
    if (pending === undefined) {
      pending = source.step(id, step);
      cache.set(step, pending);
      pending.catch(() => cache.delete(step));
      if (cache.size > 16) cache.delete(cache.keys().next().value!);
    }
    return pending;
  };
  const move = (delta: number) => {
    const next = neighbourStep(detail, current, delta);
    if (next !== undefined && next !== current) location.hash = runHref(id, next);
  };
  const previous = button('← Previous step', () => move(-1), {
    'aria-label': 'Previous step',
  }) as HTMLButtonElement;
  const next = button('Next step →', () => move(1), {
    'aria-label': 'Next step',
  }) as HTMLButtonElement;
  const nav = el(
    'nav',
    { class: 'step-nav', 'aria-label': 'Step navigation' },
    previous,
    next,
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
  const select = async (step: number | undefined) => {
    const wanted = step ?? steps[0]?.step;
    if (current !== undefined) links.get(current)?.removeAttribute('aria-current');
    current = wanted;
    if (wanted === undefined) return;
    links.get(wanted)?.setAttribute('aria-current', 'step');
    const index = steps.findIndex((entry) => entry.step === wanted);
    previous.disabled = index <= 0;
    next.disabled = index < 0 || index >= steps.length - 1;
    const event = await fetchStep(wanted);
    if (current !== wanted) return; // another step was chosen meanwhile
    body.replaceChildren(
      event === undefined
        ? el('p', {}, `No step ${wanted} in this run.`)
        : stepView(event, source.graphs),
    );
    // Fetch the neighbours now, so moving to them does not wait for the server.
    for (const neighbour of [steps[index + 1]?.step, steps[index - 1]?.step]) {
      if (neighbour !== undefined) void fetchStep(neighbour).catch(() => undefined);
    }
  };
  await select(selected);
  return { id, detail, select };
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
