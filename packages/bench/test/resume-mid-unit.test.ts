import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readRunDirectory } from '@trace/trainer';
import { afterAll, describe, expect, it } from 'vitest';
import { BenchError, runExperiment, writeReport } from '../src/index.js';
import { createHashModel } from './fixtures/hash-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
// Node itself with tsx as a loader (not the tsx command, which runs the script in a child process
// that a SIGKILL of the command would leave running).
const node = [process.execPath, '--import', 'tsx', '--conditions=@trace/source'];
const fixture = join(here, 'fixtures', 'scripted-run.ts');
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-resume-'));
  folders.push(folder);
  return folder;
}

const scripted = { modelLabel: 'scripted:hash', modelKind: 'scripted' as const };

/** The report without its first lines (the folder name differs between runs). */
async function reportTables(folder: string): Promise<string> {
  await writeReport(folder);
  const text = await readFile(join(folder, 'report.md'), 'utf8');
  return text.replaceAll(folder, '<run>');
}

/** Every unit's evaluation events (step, mean, detail) and its run-start events, by unit path. */
async function unitEvents(folder: string) {
  const units: Record<string, { evaluations: unknown[]; starts: unknown[] }> = {};
  const visit = async (directory: string, path: string): Promise<void> => {
    if (existsSync(join(directory, 'manifest.json'))) {
      const run = await readRunDirectory(directory);
      units[path] = {
        evaluations: run.events
          .filter((event) => event.type === 'evaluation')
          .map((event) => {
            const e = event as { step: number; mean: number; examples: { output?: unknown }[] };
            return { step: e.step, mean: e.mean, detail: withoutTimings(e.examples[0]?.output) };
          }),
        starts: run.events.filter((event) => event.type === 'run-start'),
      };
      return;
    }
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) await visit(join(directory, entry.name), `${path}/${entry.name}`);
    }
  };
  await visit(join(folder, 'units'), 'units');
  return units;
}

/** A copy of `value` without timings (they differ from run to run). */
function withoutTimings(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null, (key, inner: unknown) =>
      /latency|duration|time|Ms$/i.test(key) ? undefined : inner,
    ),
  );
}

/** Units that were resumed after a finished step: their run-start events. */
function resumedUnits(units: Awaited<ReturnType<typeof unitEvents>>) {
  return Object.entries(units).filter(([, unit]) =>
    unit.starts.some((start) => (start as { resumed: boolean; fromStep: number }).fromStep > 0),
  );
}

describe('a model failing mid-unit, then --resume', () => {
  const cases = [
    { experiment: 'numerical', methods: ['trace', 'opro', 'textgrad'] },
    { experiment: 'traffic', methods: ['trace', 'opro'] },
    { experiment: 'battleship', methods: ['opro'], seeds: 1 },
    { experiment: 'bbh', methods: ['trace'] },
    { experiment: 'metaworld', methods: ['trace'] },
  ];
  for (const { experiment, methods, seeds } of cases) {
    it(`${experiment}: keeps the finished steps, continues from the checkpoint, and ends with the tables of an uninterrupted run`, async () => {
      const folder = await freshFolder();
      const options = {
        experiment,
        methods,
        size: 'smoke' as const,
        ...(seeds === undefined ? {} : { seeds }),
        ...scripted,
      };
      const clean = join(folder, 'clean');
      const cleanModel = createHashModel();
      await runExperiment({ ...options, out: clean, model: cleanModel });
      // The outage hits the last call: the last unit's last step, after finished steps.
      const failAt = cleanModel.callCount - 1;
      const broken = join(folder, 'broken');
      const failure = await runExperiment({
        ...options,
        out: broken,
        model: createHashModel({ failAt }),
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(BenchError);
      expect((failure as BenchError).code).toBe('UNIT_FAILED');
      expect((failure as Error).message).toMatch(/scripted outage.*--resume/s);
      const resumed = await runExperiment({
        ...options,
        out: broken,
        resume: true,
        model: createHashModel(),
      });
      expect(resumed.completed + resumed.skipped).toBe(resumed.total);
      const units = await unitEvents(broken);
      // The failed unit continued after its last checkpoint instead of starting again.
      expect(resumedUnits(units).length).toBe(1);
      expect(units).toEqual(
        Object.fromEntries(
          Object.entries(await unitEvents(clean)).map(([path, unit]) => [
            path,
            { ...unit, starts: units[path]?.starts },
          ]),
        ),
      );
      expect(await reportTables(broken)).toBe(await reportTables(clean));
    }, 120_000);
  }
});

describe('a unit killed after its last checkpoint, before final.json', () => {
  it('is finished on --resume without running a step again, its final message naming the last score', async () => {
    const folder = await freshFolder();
    const out = join(folder, 'run');
    const options = { experiment: 'numerical', methods: ['adam'], size: 'smoke' as const, out };
    await runExperiment(options);
    const unit = join(out, 'units', 'adam', 'problem-02', 'seed-0');
    const before = await readRunDirectory(unit);
    await rm(join(unit, 'final.json'));
    const resumed = await runExperiment({ ...options, resume: true });
    expect(resumed).toMatchObject({ completed: 1, skipped: 2 });
    const after = await readRunDirectory(unit);
    const evaluations = (run: typeof after) =>
      run.events.flatMap((event) =>
        event.type === 'evaluation' ? [[event.step, event.mean]] : [],
      );
    expect(evaluations(after)).toEqual(evaluations(before));
    expect(after.final?.steps).toBe(3);
    expect(after.final?.message).toContain(
      `absolute error ${String(evaluations(before).at(-1)![1])} at step 3`,
    );
  }, 60_000);
});

/** Starts the fixture and kills it with SIGKILL once some unit has `steps` steps but no final.json. */
function runAndKillMidUnit(
  args: string[],
  out: string,
  steps: number,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn(node[0]!, [...node.slice(1), fixture, ...args], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let killedIn: string | undefined;
    const poll = setInterval(async () => {
      const unitsFolder = join(out, 'units');
      if (killedIn !== undefined || !existsSync(unitsFolder)) return;
      for (const entry of await readdir(unitsFolder, { recursive: true }).catch(() => [])) {
        const path = String(entry);
        if (!path.endsWith('events.jsonl')) continue;
        const directory = join(unitsFolder, dirname(path));
        const text = await readFile(join(directory, 'events.jsonl'), 'utf8').catch(() => '');
        const evaluations = (text.match(/"type":"evaluation"/g) ?? []).length;
        if (evaluations >= steps && !existsSync(join(directory, 'final.json'))) {
          killedIn = directory;
          child.kill('SIGKILL');
          return;
        }
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      if (signal !== 'SIGKILL')
        reject(new Error(`the run ended (${code}) before it was killed: ${stderr}`));
      else resolve(killedIn);
    });
  });
}

describe('kill -9 in the middle of an LLM unit, then --resume', () => {
  it('loses no finished step, and the resumed run reports what an uninterrupted run reports', async () => {
    const folder = await freshFolder();
    const killed = join(folder, 'killed');
    const killedIn = await runAndKillMidUnit(['traffic', 'trace,opro', killed], killed, 4);
    expect(killedIn).toBeDefined();
    // Killed mid-unit: the unit has checkpoints and no final.json.
    expect(existsSync(join(killedIn!, 'final.json'))).toBe(false);
    const before = await readRunDirectory(killedIn!);
    const finishedBefore = before.events.filter((event) => event.type === 'evaluation').length;
    expect(before.checkpoints.length).toBeGreaterThan(0);

    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        node[0]!,
        [...node.slice(1), fixture, 'traffic', 'trace,opro', killed, '--resume'],
        { cwd: root },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(stderr))));
    });

    const after = await readRunDirectory(killedIn!);
    const start = after.events.find((event) => event.type === 'run-start' && event.resumed) as
      | { fromStep: number }
      | undefined;
    // It continued from the checkpoint of the last finished step (the one in flight, at most, ran again).
    expect(start?.fromStep).toBeGreaterThanOrEqual(finishedBefore - 2);
    expect(start?.fromStep).toBeGreaterThanOrEqual(1);
    const steps = after.events.flatMap((event) =>
      event.type === 'evaluation' ? [event.step] : [],
    );
    expect(steps).toEqual([...new Set(steps)].sort((a, b) => a - b));

    const clean = join(folder, 'clean');
    await runExperiment({
      experiment: 'traffic',
      methods: ['trace', 'opro'],
      size: 'smoke',
      out: clean,
      model: createHashModel(),
      ...scripted,
    });
    expect(await unitEventsWithoutStarts(killed)).toEqual(await unitEventsWithoutStarts(clean));
    expect(await reportTables(killed)).toBe(await reportTables(clean));
  }, 180_000);
});

async function unitEventsWithoutStarts(folder: string) {
  return Object.fromEntries(
    Object.entries(await unitEvents(folder)).map(([path, unit]) => [path, unit.evaluations]),
  );
}
