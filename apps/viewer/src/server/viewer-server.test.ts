import { appendFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureRuns } from '../test-support/fixture-runs.js';
import { startViewerServer, type ViewerServer } from './viewer-server.js';

let folder: string;
let server: ViewerServer;

/** GET with the path sent exactly as given (fetch and URL would normalize `..` away). */
function get(path: string): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-viewer-server-'));
  await writeFixtureRuns(join(folder, 'runs'));
  await writeFile(join(folder, 'secret.txt'), 'TOP SECRET');
  await mkdir(join(folder, 'outside-dir'));
  await writeFile(join(folder, 'outside-dir', 'manifest.json'), 'SECRET MANIFEST');
  await symlink(join(folder, 'secret.txt'), join(folder, 'runs', 'link-out.txt'));
  await symlink(join(folder, 'outside-dir'), join(folder, 'runs', 'dir-out'));
  await symlink(
    join(folder, 'runs', 'finished', 'manifest.json'),
    join(folder, 'runs', 'link-in.json'),
  );
  server = await startViewerServer(join(folder, 'runs'));
});

afterAll(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the viewer server', () => {
  it('binds 127.0.0.1 on a free port by default', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the graph worker (Graphviz WebAssembly inlined in its script)', async () => {
    const worker = await get('/graphviz-worker.js');
    expect(worker.status).toBe(200);
    expect(worker.body.length).toBeGreaterThan(500_000);
  });

  it('serves the page, the script and the run data', async () => {
    expect((await get('/')).body).toContain('<main id="app"');
    expect((await get('/app.js')).status).toBe(200);
    const runs = JSON.parse((await get('/api/runs')).body) as {
      runs: { id: string; status: string }[];
    };
    expect(runs.runs.map((run) => `${run.id}:${run.status}`)).toEqual([
      'finished:finished',
      'hostile:failed',
      'running:running',
    ]);
    const step = JSON.parse((await get('/api/step?id=finished&step=2')).body) as { step: number };
    expect(step.step).toBe(2);
    expect((await get('/files/finished/manifest.json')).body).toContain('demo/finished');
    expect((await get('/files/link-in.json')).body).toContain('demo/finished');
  });

  it.each([
    '/files/../secret.txt',
    '/files/%2e%2e/secret.txt',
    '/files/%2E%2E/secret.txt',
    '/files/.%2e/secret.txt',
    '/files/%252e%252e/secret.txt',
    '/files/..%2fsecret.txt',
    '/files/..%5csecret.txt',
    '/files/finished/../../secret.txt',
    '/files/%2fetc%2fpasswd',
    '/files//etc/passwd',
    '/files/link-out.txt',
    '/files/dir-out/manifest.json',
    '/files/finished%00.txt',
    '/files/%zz',
  ])('refuses %s with 403 and never sends the file', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(403);
    expect(response.body).not.toContain('SECRET');
    expect(response.body).not.toContain('root:');
  });

  it('does not treat run ids as paths: an unknown or traversing id is a 404', async () => {
    for (const id of ['../secret.txt', '..', '/etc', 'dir-out']) {
      const response = await get(`/api/run?id=${encodeURIComponent(id)}`);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('SECRET');
    }
  });

  it('sends a content security policy that forbids inline script', async () => {
    const url = new URL(server.url);
    const headers = await new Promise<Record<string, unknown>>((resolve) =>
      request({ host: url.hostname, port: url.port, path: '/' }, (response) => {
        response.resume();
        resolve(response.headers);
      }).end(),
    );
    const scriptSrc = String(headers['content-security-policy'])
      .split(';')
      .find((directive) => directive.trim().startsWith('script-src'));
    expect(scriptSrc?.trim()).toBe("script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'");
    // The graph worker comes from this server only.
    expect(headers['content-security-policy']).toMatch(/worker-src 'self';/);
  });

  it('answers 100 concurrent requests', async () => {
    const responses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => get(`/api/step?id=finished&step=${(i % 6) + 1}`)),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
  });
});

describe('a folder with an unreadable run', () => {
  it('still lists the other runs and draws their curves, and names the broken file', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'trace-viewer-broken-'));
    const other = await startViewerServer(broken).catch((error: Error) => error);
    expect(other).toBeInstanceOf(Error);
    expect((other as Error).message).toMatch(/No run directory .*Pass a trainer run directory/);
    await writeFixtureRuns(broken);
    await appendFile(join(broken, 'running', 'events.jsonl'), '{"not": "an event"}\n');
    const viewer = await startViewerServer(broken);
    try {
      const body = (await (await fetch(`${viewer.url}api/runs`)).json()) as {
        runs: { id: string; status: string; error?: string }[];
      };
      expect(body.runs.map((run) => `${run.id}:${run.status}`)).toEqual([
        'finished:finished',
        'hostile:failed',
        'running:failed',
      ]);
      expect(body.runs[2]!.error).toMatch(/events\.jsonl/);
      const curves = await fetch(`${viewer.url}api/curves`);
      expect(curves.status).toBe(200);
    } finally {
      await viewer.close();
      await rm(broken, { recursive: true, force: true });
    }
  });
});
