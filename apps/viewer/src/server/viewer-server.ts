import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { clientBundle, graphvizWorkerBundle } from './client-bundle.js';
import { curveCharts } from './curves.js';
import { servedPage } from './page.js';
import { RunStore, UnknownRunError } from './run-store.js';
import { PathRefusedError, resolveInside } from './safe-path.js';

/** Options of {@link startViewerServer}. */
export interface ViewerServerOptions {
  /** Address to bind (default `127.0.0.1`: only this machine can connect). */
  readonly host?: string;
  /** Port (default 0: a free port). */
  readonly port?: number;
}

/** A running viewer server. */
export interface ViewerServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

const securityHeaders = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  // vega compiles chart expressions with Function, hence 'unsafe-eval'; no inline script runs.
  // Graphviz's WebAssembly runs in a worker from this server ('wasm-unsafe-eval', worker-src).
  'content-security-policy':
    "default-src 'none'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    ...securityHeaders,
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/**
 * Serves the viewer for the runs under `folder`: the page, its script, the graph worker's script
 * (`/graphviz-worker.js`), the JSON API
 * (`/api/runs`, `/api/run?id=`, `/api/step?id=&step=`, `/api/curves`) and the run folder's files
 * under `/files/…`. Nothing outside `folder` is served: `..` (also encoded), absolute paths and
 * symlinks that lead out are refused with 403.
 */
export async function startViewerServer(
  folder: string,
  options: ViewerServerOptions = {},
): Promise<ViewerServer> {
  // The script is bundled before the URL is handed out, so the first page view does not wait for it.
  const [store] = await Promise.all([
    RunStore.open([folder]),
    clientBundle(),
    graphvizWorkerBundle(),
  ]);
  const title = `Trace runs: ${basename(folder)}`;
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain', 'Only GET is served.');
      return;
    }
    const raw = request.url ?? '/';
    const queryAt = raw.indexOf('?');
    const path = queryAt < 0 ? raw : raw.slice(0, queryAt);
    const query = new URLSearchParams(queryAt < 0 ? '' : raw.slice(queryAt + 1));
    if (path === '/' || path === '/index.html') {
      send(response, 200, 'text/html; charset=utf-8', await servedPage(title));
    } else if (path === '/app.js') {
      send(response, 200, 'text/javascript; charset=utf-8', await clientBundle());
    } else if (path === '/graphviz-worker.js') {
      send(response, 200, 'text/javascript; charset=utf-8', await graphvizWorkerBundle());
    } else if (path === '/api/runs') {
      sendJson(response, 200, { title, live: true, runs: await store.summaries() });
    } else if (path === '/api/run') {
      sendJson(response, 200, await store.detail(query.get('id') ?? ''));
    } else if (path === '/api/step') {
      const step = Number(query.get('step'));
      const event = Number.isInteger(step)
        ? await store.step(query.get('id') ?? '', step)
        : undefined;
      if (event === undefined) sendJson(response, 404, { error: 'No such step (yet).' });
      else sendJson(response, 200, event);
    } else if (path === '/api/curves') {
      sendJson(response, 200, curveCharts(await store.readable()));
    } else if (path.startsWith('/files/')) {
      const target = await resolveInside(folder, path.slice('/files/'.length));
      if (!(await stat(target)).isFile()) throw new PathRefusedError('not a file');
      response.writeHead(200, {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        ...securityHeaders,
      });
      createReadStream(target).pipe(response);
    } else {
      send(response, 404, 'text/plain', 'Not found.');
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof PathRefusedError) {
        send(response, 403, 'text/plain', `Refused: ${error.message}.`);
      } else if (error instanceof UnknownRunError) {
        sendJson(response, 404, { error: error.message });
      } else {
        sendJson(response, 500, { error: (error as Error).message });
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
