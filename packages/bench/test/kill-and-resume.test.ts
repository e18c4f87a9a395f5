import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runExperiment, writeReport } from '../src/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = join(root, 'packages', 'bench', 'src', 'cli', 'main.ts');
// Node itself with tsx as a loader: the tsx command runs the script in a child process, which a
// SIGKILL of the command would leave running.
const node = [process.execPath, '--import', 'tsx', '--conditions=@trace/source'];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** Starts the CLI and kills it with SIGKILL after `afterUnits` units have finished. */
function runAndKill(args: string[], afterUnits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(node[0]!, [...node.slice(1), cli, ...args], { cwd: root });
    let seen = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      seen += (chunk.toString().match(/: completed/g) ?? []).length;
      if (seen >= afterUnits) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', () => resolve(seen));
  });
}

describe('kill -9 and --resume', () => {
  it('loses no finished unit, and the resumed run reports what an uninterrupted run reports', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-kill-'));
    folders.push(folder);
    const killed = join(folder, 'killed');
    const args = [
      'run',
      'battleship',
      '--methods',
      'enumeration,random',
      '--seeds',
      '4',
      '--out',
      killed,
    ];
    const finishedBeforeKill = await runAndKill(args, 2);
    expect(finishedBeforeKill).toBeGreaterThanOrEqual(2);
    await runAndKill([...args, '--resume'], 3);
    const resumed = await runExperiment({
      experiment: 'battleship',
      methods: ['enumeration', 'random'],
      seeds: 4,
      out: killed,
      resume: true,
    });
    expect(resumed.skipped).toBeGreaterThanOrEqual(finishedBeforeKill);
    const clean = join(folder, 'clean');
    await runExperiment({
      experiment: 'battleship',
      methods: ['enumeration', 'random'],
      seeds: 4,
      out: clean,
    });
    await writeReport(killed);
    await writeReport(clean);
    expect(await readFile(join(killed, 'report.md'), 'utf8')).toBe(
      await readFile(join(clean, 'report.md'), 'utf8'),
    );
  }, 180_000);
});
