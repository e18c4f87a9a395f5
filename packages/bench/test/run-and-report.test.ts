import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listText } from '../src/cli/list-command.js';
import { BenchError, runExperiment, writeReport } from '../src/index.js';

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-test-'));
  folders.push(folder);
  return join(folder, 'run');
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

describe('trace-bench list', () => {
  it('names every experiment, method, kind and need', () => {
    const text = listText();
    for (const name of ['numerical', 'battleship', 'traffic']) expect(text).toContain(`${name}:`);
    expect(text).toMatch(/adam\s+baseline\s+needs nothing/);
    expect(text).toMatch(/trace-masked\s+llm\s+needs model/);
    expect(text).toMatch(/gp\s+baseline/);
  });
});

describe('runExperiment and writeReport', () => {
  it('runs the numerical Adam baseline and writes a deterministic report with plots', async () => {
    const first = await freshFolder();
    const second = await freshFolder();
    const options = { experiment: 'numerical', methods: ['adam'], size: 'smoke' as const };
    const result = await runExperiment({ ...options, out: first, concurrency: 3 });
    expect(result).toMatchObject({ completed: 3, skipped: 0, total: 3 });
    await runExperiment({ ...options, out: second });
    await writeReport(first);
    await writeReport(second);
    const a = await readFile(join(first, 'report.md'), 'utf8');
    expect(a).toBe(await readFile(join(second, 'report.md'), 'utf8'));
    expect(a).toContain('| step | adam |');
    expect(a).toMatch(/\| 0 \| [\d.]+ ± [\d.]+ \(3\) \|/);
    expect(a).toContain('Fig. 5(a)');
    expect((await readFile(join(first, 'plots', 'numerical.svg'), 'utf8')).startsWith('<svg')).toBe(
      true,
    );
  }, 60_000);

  it('on --resume skips finished units and reruns an unfinished one, giving the same tables', async () => {
    const folder = await freshFolder();
    const options = {
      experiment: 'battleship',
      methods: ['enumeration', 'random'],
      size: 'smoke' as const,
    };
    await runExperiment({ ...options, out: folder });
    await writeReport(folder);
    const before = await readFile(join(folder, 'report.md'), 'utf8');
    // A unit that crashed: its final.json never got written.
    await rm(join(folder, 'units', 'random', 'boards', 'seed-1', 'final.json'));
    await expect(runExperiment({ ...options, out: folder })).rejects.toThrow(/Pass --resume/);
    const resumed = await runExperiment({ ...options, out: folder, resume: true });
    expect(resumed).toMatchObject({ completed: 1, skipped: 3 });
    await writeReport(folder);
    expect(await readFile(join(folder, 'report.md'), 'utf8')).toBe(before);
  }, 60_000);

  it('refuses LLM methods without a model before doing any work, naming the baselines', async () => {
    const folder = await freshFolder();
    const error = await runExperiment({
      experiment: 'numerical',
      out: folder,
      size: 'smoke',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BenchError);
    expect((error as BenchError).code).toBe('NEEDS_MODEL');
    expect((error as Error).message).toMatch(
      /trace, trace-masked, opro, textgrad need a model.*--methods adam/s,
    );
    await expect(readFile(join(folder, 'bench.json'))).rejects.toThrow(/ENOENT/);
  });

  it('names unknown experiments and methods, and refuses to resume another experiment', async () => {
    const folder = await freshFolder();
    await expect(runExperiment({ experiment: 'chess', out: folder })).rejects.toThrow(
      /no experiment 'chess'.*numerical, battleship, traffic/,
    );
    await expect(
      runExperiment({ experiment: 'traffic', methods: ['adam'], out: folder }),
    ).rejects.toThrow(/'traffic' has no method 'adam'.*scats, gp, pso/);
    await runExperiment({ experiment: 'traffic', methods: ['scats'], size: 'smoke', out: folder });
    await expect(
      runExperiment({ experiment: 'numerical', methods: ['adam'], out: folder, resume: true }),
    ).rejects.toThrow(/holds a run of 'traffic', not 'numerical'/);
  }, 60_000);
});
