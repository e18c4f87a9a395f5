import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFinal } from '@trace/trainer';
import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineCheckModel } from '../src/ci/scripted-model.js';
import { createProgram } from '../src/cli/program.js';
import { BenchError, runExperiment, writeReport } from '../src/index.js';

const crashingPython = join(
  dirname(fileURLToPath(import.meta.url)),
  'fixtures',
  'crashing-python.sh',
);
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-bad-input-'));
  folders.push(folder);
  return join(folder, 'run');
}
const scripted = {
  model: createPipelineCheckModel(),
  modelLabel: 'scripted:pipeline-check',
  modelKind: 'scripted' as const,
};

describe('bad input', () => {
  it('refuses to resume or report a run folder written by a newer format, changing nothing', async () => {
    const out = await freshFolder();
    const options = { experiment: 'traffic', methods: ['scats'], size: 'smoke' as const, out };
    await runExperiment(options);
    const path = join(out, 'bench.json');
    const newer = (await readFile(path, 'utf8')).replace(
      '"formatVersion": 1',
      '"formatVersion": 7',
    );
    await writeFile(path, newer);
    await expect(runExperiment({ ...options, resume: true })).rejects.toThrow(
      /written by a newer @trace\/bench \(format 7; this one reads up to 1\)\. Upgrade @trace\/bench/,
    );
    await expect(writeReport(out)).rejects.toThrow(/newer @trace\/bench/);
    expect(await readFile(path, 'utf8')).toBe(newer);
  }, 60_000);

  it('refuses to resume a unit written by a newer run-directory format, and keeps it', async () => {
    const out = await freshFolder();
    const options = {
      experiment: 'numerical',
      methods: ['adam'],
      size: 'smoke' as const,
      steps: 2,
      out,
    };
    await runExperiment(options);
    const unit = join(out, 'units', 'adam', 'problem-01', 'seed-0');
    await rm(join(unit, 'final.json'));
    const manifestPath = join(unit, 'manifest.json');
    const newer = (await readFile(manifestPath, 'utf8')).replace(
      '"formatVersion": 1',
      '"formatVersion": 9',
    );
    await writeFile(manifestPath, newer);
    const events = await readFile(join(unit, 'events.jsonl'), 'utf8');
    const error = await runExperiment({ ...options, resume: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BenchError);
    expect((error as Error).message).toMatch(
      /problem-01\/seed-0 was written by a newer format.*Upgrade @trace\/bench.*nothing was changed/s,
    );
    expect(await readFile(manifestPath, 'utf8')).toBe(newer);
    expect(await readFile(join(unit, 'events.jsonl'), 'utf8')).toBe(events);
  }, 60_000);

  it('a crashing Python environment fails its unit with the error named; finished units stay, and --resume finishes', async () => {
    const out = await freshFolder();
    const options = { experiment: 'metaworld', size: 'smoke' as const, out, ...scripted };
    await runExperiment({ ...options, methods: ['trace'] });
    const previous = process.env.TRACE_PYTHON;
    process.env.TRACE_PYTHON = crashingPython;
    let error: unknown;
    try {
      error = await runExperiment({ ...options, methods: ['trace', 'opro'], resume: true }).catch(
        (caught: unknown) => caught,
      );
    } finally {
      if (previous === undefined) delete process.env.TRACE_PYTHON;
      else process.env.TRACE_PYTHON = previous;
    }
    expect(error).toBeInstanceOf(BenchError);
    expect((error as BenchError).code).toBe('UNIT_FAILED');
    expect((error as Error).message).toMatch(
      /metaworld: opro on stand-in-reach \(seed 0\) failed: .+Finished units are kept.*--resume/s,
    );
    expect((await readFinal(join(out, 'units', 'trace', 'stand-in-reach', 'seed-0')))?.status).toBe(
      'completed',
    );
    const failed = await readFinal(join(out, 'units', 'opro', 'stand-in-reach', 'seed-0'));
    expect(failed).toMatchObject({ status: 'failed', resumable: true });
    const resumed = await runExperiment({ ...options, methods: ['trace', 'opro'], resume: true });
    expect(resumed).toMatchObject({ completed: 1, skipped: 1, total: 2 });
  }, 120_000);

  it('report names the file and line of a damaged evaluation event, and skips a line cut short', async () => {
    const out = await freshFolder();
    await runExperiment({
      experiment: 'traffic',
      methods: ['scats'],
      size: 'smoke',
      seeds: 1,
      out,
    });
    const events = join(out, 'units', 'scats', 'intersection', 'seed-42', 'events.jsonl');
    const text = await readFile(events, 'utf8');
    // A write cut short by kill -9 (no newline) is left out, as the trainer's reader does.
    await writeFile(events, `${text}{"type":"evaluation","step":99,"mea`);
    await expect(writeReport(out)).resolves.toBeDefined();
    expect(await readFile(join(out, 'report.md'), 'utf8')).not.toMatch(/\| 99 \|/);
    const lines = text.split('\n');
    lines[2] = lines[2]!.replace('"mean":', '"mean":"x",');
    await writeFile(events, lines.join('\n'));
    await expect(writeReport(out)).rejects.toThrow(
      new RegExp(`${events.replaceAll('/', '\\/')}:3 is not valid JSON`),
    );
    lines[2] = lines[2]!.replace('"mean":"x",', '"mean":"x","old":');
    await writeFile(events, lines.join('\n'));
    await expect(writeReport(out)).rejects.toThrow(
      /:3 is an evaluation event without a whole step >= 0 and a numeric mean/,
    );
  }, 60_000);

  it('names a replay file that is missing before any work starts', async () => {
    const out = await freshFolder();
    let err = '';
    const program = createProgram({ out: () => undefined, err: (t) => (err += t) });
    const missing = join(out, 'no-such-recording.jsonl');
    const failure = await program
      .parseAsync(
        [
          'run',
          'numerical',
          '--methods',
          'trace',
          '--size',
          'smoke',
          '--replay',
          missing,
          '--out',
          out,
        ],
        { from: 'user' },
      )
      .catch((caught: unknown) => caught);
    expect(String((failure as Error)?.message ?? failure) + err).toContain(missing);
    await expect(readFile(join(out, 'bench.json'))).rejects.toThrow(/ENOENT/);
  });
});
