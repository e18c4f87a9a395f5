import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureRuns } from '../test-support/fixture-runs.js';
import { writeStaticViewer } from './static-export.js';

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-viewer-static-'));
  await writeFixtureRuns(join(folder, 'runs'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the static page', () => {
  it('carries Graphviz only when a step has a graph to draw', async () => {
    await writeStaticViewer(join(folder, 'with.html'), [join(folder, 'runs')]);
    await writeStaticViewer(join(folder, 'without.html'), [join(folder, 'runs', 'running')]);
    const withGraphs = await readFile(join(folder, 'with.html'), 'utf8');
    const without = await readFile(join(folder, 'without.html'), 'utf8');
    expect(withGraphs).toContain('id="trace-graphviz-worker"');
    expect(without).not.toContain('trace-graphviz-worker');
    expect(withGraphs.length - without.length).toBeGreaterThan(1_000_000);
  });
});
