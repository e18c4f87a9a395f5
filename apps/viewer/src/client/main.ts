import { renderCompareView } from './compare-view.js';
import { type DataSource, pickSource } from './data-source.js';
import { el } from './dom.js';
import { parseRoute, runHref } from './routes.js';
import { neighbourStep, type RunViewHandle, renderRunView } from './run-view.js';
import { renderRunsView } from './runs-view.js';

const pollMs = 1500;

/** The viewer's entry point: hash routing, keyboard navigation between steps, live polling. */
function start(root: HTMLElement, source: DataSource): void {
  let shownRun: RunViewHandle | undefined;
  let rendering = Promise.resolve();
  let generation = 0;

  /** Renders the route; moving between steps of the shown run only swaps the step body. */
  const render = (focusStep = false, reload = false) => {
    const mine = ++generation;
    rendering = rendering.then(async () => {
      if (mine !== generation) return;
      const route = parseRoute(location.hash);
      root.setAttribute('aria-busy', 'true');
      try {
        if (
          route.view === 'run' &&
          !reload &&
          shownRun?.id === route.id &&
          root.dataset.view === 'run'
        ) {
          await shownRun.select(route.step);
          if (focusStep) root.querySelector<HTMLElement>('.step-list a[aria-current]')?.focus();
          return;
        }
        shownRun = undefined;
        if (route.view === 'run') {
          shownRun = await renderRunView(root, source, route.id, route.step);
          if (focusStep) root.querySelector<HTMLElement>('.step-list a[aria-current]')?.focus();
        } else if (route.view === 'compare') {
          await renderCompareView(root, source, route.a, route.b);
        } else {
          await renderRunsView(root, source);
        }
        root.dataset.view = route.view;
      } catch (error) {
        root.replaceChildren(
          el(
            'p',
            { role: 'alert', class: 'error' },
            `Could not show this view: ${(error as Error).message}`,
          ),
          el('p', {}, el('a', { href: '#/' }, 'All runs')),
        );
      } finally {
        root.setAttribute('aria-busy', 'false');
        root.dataset.rendered = String(mine);
      }
    });
  };

  let keyboardMove = false;
  window.addEventListener('hashchange', () => {
    render(keyboardMove);
    keyboardMove = false;
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    // In the (scrollable) graph drawing the arrow keys scroll it; k/j still move between steps.
    if (event.key.startsWith('Arrow') && target?.closest('.graph-canvas')) return;
    const route = parseRoute(location.hash);
    if (route.view !== 'run' || shownRun === undefined) return;
    const delta =
      event.key === 'ArrowDown' || event.key === 'j'
        ? 1
        : event.key === 'ArrowUp' || event.key === 'k'
          ? -1
          : 0;
    if (delta === 0) return;
    const next = neighbourStep(
      shownRun.detail,
      route.step ?? shownRun.detail.steps[0]?.step,
      delta,
    );
    if (next === undefined) return;
    event.preventDefault();
    keyboardMove = true;
    location.hash = runHref(route.id, next);
  });

  if (source.live) {
    // Follow running runs: re-render while the shown run (or any listed run) is running.
    window.setInterval(() => {
      void (async () => {
        const route = parseRoute(location.hash);
        const detail = shownRun?.detail;
        if (route.view === 'run' && detail?.summary.status === 'running') {
          const fresh = await source.run(route.id);
          const changed =
            fresh.eventCount !== detail.eventCount ||
            fresh.summary.status !== detail.summary.status;
          if (changed) render(false, true);
        } else if (route.view === 'runs' && root.querySelector('.status-running') !== null) {
          render();
        }
      })().catch(() => undefined);
    }, pollMs);
  }
  render();
}

const root = document.getElementById('app');
if (root) start(root, pickSource());
