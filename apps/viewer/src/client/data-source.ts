import type { CurveChart, RunDetail, RunSummary, StaticBundle } from '../common/api-types.js';
import { createGraphRenderer, type GraphRenderer } from './graph-renderer.js';

/** Where the viewer gets its data: the local server (live) or data inlined in a static page. */
export interface DataSource {
  /** True when the data can change (served); a static page never polls. */
  readonly live: boolean;
  runs(): Promise<{ title: string; runs: RunSummary[] }>;
  run(id: string): Promise<RunDetail>;
  /** The step event, or undefined when the run has no such step. */
  step(id: string, step: number): Promise<Record<string, unknown> | undefined>;
  curves(): Promise<CurveChart[]>;
  /** Lays trace graphs out (Graphviz in a worker), or undefined when the page carries no Graphviz. */
  readonly graphs: GraphRenderer | undefined;
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The data source of the served viewer. */
export function serverSource(): DataSource {
  return {
    live: true,
    runs: () => getJson('/api/runs'),
    run: (id) => getJson(`/api/run?id=${encodeURIComponent(id)}`),
    step: async (id, step) => {
      const response = await fetch(`/api/step?id=${encodeURIComponent(id)}&step=${step}`);
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`step ${step}: HTTP ${response.status}`);
      return (await response.json()) as Record<string, unknown>;
    },
    curves: () => getJson('/api/curves'),
    graphs: createGraphRenderer(() => new Worker('/graphviz-worker.js')),
  };
}

/**
 * The graph renderer of a static page: its worker script is inlined (base64, in an inert element)
 * and started from a `blob:` URL, so the page needs no server and no network.
 */
function inlineGraphRenderer(): GraphRenderer | undefined {
  const inline = document.getElementById('trace-graphviz-worker');
  const base64 = inline?.textContent?.trim();
  if (!base64) return undefined;
  let url: string | undefined;
  return createGraphRenderer(() => {
    if (url === undefined) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      url = URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
    }
    return new Worker(url);
  });
}

/** The data source of a static page (data parsed from an inert JSON script element). */
export function staticSource(bundle: StaticBundle): DataSource {
  return {
    live: false,
    runs: async () => ({ title: bundle.title, runs: [...bundle.runs] }),
    run: async (id) => {
      const detail = bundle.details[id];
      if (detail === undefined)
        throw new Error(`No run with id ${JSON.stringify(id)} in this page.`);
      return detail;
    },
    step: async (id, step) =>
      bundle.steps[id]?.[String(step)] as Record<string, unknown> | undefined,
    curves: async () => [...bundle.curves],
    graphs: inlineGraphRenderer(),
  };
}

/** The static data when the page carries it, else the server. */
export function pickSource(): DataSource {
  const inline = document.getElementById('trace-data');
  if (inline?.textContent) return staticSource(JSON.parse(inline.textContent) as StaticBundle);
  return serverSource();
}
