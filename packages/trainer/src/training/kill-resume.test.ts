import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { runLinearTraining } from '../../test/linear-training.js';
import { useTemporaryDirectories } from '../../test/temporary-directory.js';
import { readRunDirectory } from '../run-directory/run-reader.js';

const fixtureSource = fileURLToPath(new URL('../../test/kill-fixture.ts', import.meta.url));
const temporary = useTemporaryDirectories();
const children: ChildProcess[] = [];
let fixture = '';

// One bundle of the fixture, so each restarted process starts in milliseconds (a fresh TypeScript
// loader would recompile the sources on every start).
beforeAll(async () => {
  fixture = join(await temporary(), 'kill-fixture.mjs');
  await build({
    entryPoints: [fixtureSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@trace/source'],
    outfile: fixture,
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);",
    },
    logLevel: 'silent',
  });
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function start(directory: string) {
  const child = spawn(process.execPath, [fixture, directory], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    errors += String(chunk);
  });
  const exited = new Promise<{
    code: number | null;
    signal: string | null;
    output: string;
    errors: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output, errors })));
  return { child, exited };
}

async function completedSteps(directory: string): Promise<number> {
  const text = await readFile(join(directory, 'events.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.includes('"type":"step"')).length;
}

test('kill -9 at random points, several times in one run, then resume: no step lost or repeated, same result', async () => {
  const reference = await runLinearTraining(await temporary());
  const directory = await temporary();
  let kills = 0;
  const killedAt: number[] = [];
  while (kills < 4) {
    const before = await completedSteps(directory);
    const { child, exited } = start(directory);
    // Wait until this session made progress, then kill it at a random moment.
    while ((await completedSteps(directory)) <= before && child.exitCode === null) await sleep(10);
    await sleep(Math.floor(Math.random() * 80));
    if (child.exitCode !== null) break;
    child.kill('SIGKILL');
    const { signal } = await exited;
    expect(signal).toBe('SIGKILL');
    kills += 1;
    killedAt.push(await completedSteps(directory));
  }
  expect(kills).toBeGreaterThanOrEqual(3);
  const { code, output, errors } = await start(directory).exited;
  expect({ code, errors }).toEqual({ code: 0, errors: '' });
  expect(JSON.parse(output).slope).toBe(reference);

  const run = await readRunDirectory(directory);
  const steps = run.events.filter((event) => event.type === 'step').map((event) => event.step);
  expect(steps).toEqual(Array.from({ length: 120 }, (_value, index) => index + 1));
  expect(run.events.filter((event) => event.type === 'run-start').length).toBeGreaterThanOrEqual(
    kills,
  );
  expect(run.final).toMatchObject({ status: 'completed', steps: 120 });
  expect(killedAt.every((count) => count < 120)).toBe(true);
}, 120_000);
