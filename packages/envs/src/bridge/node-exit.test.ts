import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntilGone } from './testing/process-helpers.js';

// The tsx loader inside this Node process (the tsx CLI would add a second Node process between).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const fixture = fileURLToPath(new URL('./testing/exit-fixture.ts', import.meta.url));
const started: ChildProcess[] = [];

/** Runs the fixture in a separate Node process and resolves with the Python pid it prints. */
function runFixture(mode: string): Promise<{ node: ChildProcess; pythonPid: number }> {
  const node = spawn(
    process.execPath,
    ['--conditions=@trace/source', '--import', tsxLoader, fixture, mode],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  started.push(node);
  return new Promise((resolve, reject) => {
    let output = '';
    let errors = '';
    node.stderr?.on('data', (chunk) => {
      errors += String(chunk);
    });
    node.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const line = output.split('\n')[0];
      if (output.includes('\n') && line) resolve({ node, pythonPid: Number(line) });
    });
    node.on('exit', (code) => {
      if (!output.includes('\n')) reject(new Error(`fixture exited with ${code}: ${errors}`));
    });
  });
}

function exitOf(node: ChildProcess): Promise<number | null> {
  if (node.exitCode !== null || node.signalCode !== null) return Promise.resolve(node.exitCode);
  return new Promise((resolve) => node.once('exit', (code) => resolve(code)));
}

afterEach(() => {
  for (const node of started.splice(0)) {
    if (node.exitCode === null && node.signalCode === null) node.kill('SIGKILL');
  }
});

describe('no Python process outlives Node', () => {
  it('kills the child when Node calls process.exit without closing', async () => {
    const { node, pythonPid } = await runFixture('exit');
    expect(pythonPid).toBeGreaterThan(0);
    expect(await exitOf(node)).toBe(0);
    expect(await waitUntilGone(pythonPid)).toBe(true);
  }, 20_000);

  it('lets a script end naturally while an idle environment is open, then kills the child', async () => {
    const { node, pythonPid } = await runFixture('natural');
    expect(await exitOf(node)).toBe(0);
    expect(await waitUntilGone(pythonPid)).toBe(true);
  }, 20_000);

  it('ends the child when Node is killed with SIGKILL (no exit handlers run)', async () => {
    const { node, pythonPid } = await runFixture('wait');
    node.kill('SIGKILL');
    await exitOf(node);
    expect(await waitUntilGone(pythonPid, 5_000)).toBe(true);
  }, 20_000);
});
