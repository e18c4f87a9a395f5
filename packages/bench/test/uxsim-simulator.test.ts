import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment, writeReport } from '../src/index.js';

const fakeUxsim = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'envs',
  'src',
  'bridge',
  'testing',
  'fake-uxsim',
);
let folder: string;
let previous: string | undefined;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bench-uxsim-'));
  previous = process.env.PYTHONPATH;
  // The envs package's stand-in for UXSim (same protocol, no dependencies); the child inherits it.
  process.env.PYTHONPATH = fakeUxsim;
});
afterAll(async () => {
  if (previous === undefined) delete process.env.PYTHONPATH;
  else process.env.PYTHONPATH = previous;
  await rm(folder, { recursive: true, force: true });
});

describe('--simulator uxsim', () => {
  it('runs the traffic baselines through the Python bridge and records the simulator', async () => {
    const out = join(folder, 'run');
    await runExperiment({
      experiment: 'traffic',
      methods: ['scats', 'gp'],
      size: 'smoke',
      steps: 3,
      seeds: 1,
      out,
      simulator: 'uxsim',
    });
    await writeReport(out);
    expect(JSON.parse(await readFile(join(out, 'bench.json'), 'utf8')).simulator).toBe('uxsim');
    expect(await readFile(join(out, 'report.md'), 'utf8')).toMatch(
      /\| 3 \| [\d.]+ ± 0 \(1\) \| [\d.]+ ± 0 \(1\) \|/,
    );
    await expect(
      runExperiment({
        experiment: 'traffic',
        methods: ['scats'],
        size: 'smoke',
        out,
        resume: true,
      }),
    ).rejects.toThrow(/made with the uxsim simulator; resume it with --simulator uxsim/);
  }, 120_000);

  it('is refused for other experiments', async () => {
    await expect(
      runExperiment({
        experiment: 'numerical',
        methods: ['adam'],
        out: join(folder, 'n'),
        simulator: 'uxsim',
      }),
    ).rejects.toThrow(/applies to the traffic experiment only/);
  });
});
