import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/program.js';
import { CurrentScores, createRunProgress } from '../src/cli/progress.js';
import { runExperiment } from '../src/index.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-progress-'));
  folders.push(folder);
  return join(folder, 'run');
}

/** A stream that records what is written; `tty` makes it look like a terminal. */
function captureStream(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream & { isTTY: boolean };
  let text = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  stream.isTTY = tty;
  stream.columns = 300;
  return { stream, text: () => text };
}

async function runCli(args: string[], errStream: NodeJS.WriteStream): Promise<string> {
  let out = '';
  const program = createProgram({ out: (t) => (out += t), err: (t) => (out += t), errStream });
  await program.parseAsync(args, { from: 'user' });
  return out;
}

const plan = (method: string, task: string) => ({ method, task, seed: 0 });

describe('progress', () => {
  it('current scores: the mean of each unit’s latest score per method, in the methods’ order', () => {
    const scores = new CurrentScores({
      metric: { name: 'absolute error', lowerIsBetter: true },
      methods: ['trace', 'adam'],
    });
    expect(scores.text()).toBe('');
    scores.add({ plan: plan('adam', 'p0'), step: 0, value: 4 });
    scores.add({ plan: plan('adam', 'p1'), step: 0, value: 2 });
    scores.add({ plan: plan('adam', 'p0'), step: 1, value: 1 });
    scores.add({ plan: plan('trace', 'p0'), step: 0, value: Number.NaN });
    expect(scores.text()).toBe('absolute error (lower is better): trace NaN, adam 1.5');
  });

  it('draws units, ETA and current scores per method on a TTY', async () => {
    const out = await freshFolder();
    const tty = captureStream(true);
    await runCli(
      ['run', 'numerical', '--methods', 'adam', '--size', 'smoke', '--out', out],
      tty.stream,
    );
    const text = tty.text();
    expect(text).toContain('units');
    expect(text).toContain('3/3');
    expect(text).toMatch(/ETA/);
    expect(text).toMatch(/absolute error \(lower is better\): adam \d/);
  }, 60_000);

  it('prints plain lines with the scores when not on a TTY, also for units skipped on --resume', async () => {
    const out = await freshFolder();
    const first = captureStream(false);
    await runCli(
      [
        'run',
        'battleship',
        '--methods',
        'enumeration',
        '--seeds',
        '2',
        '--steps',
        '1',
        '--out',
        out,
      ],
      first.stream,
    );
    expect(first.text()).not.toContain('\u001b[');
    expect(first.text()).toMatch(
      /^\[1\/2\] enumeration boards seed 0: completed \| % of ships hit \(higher is better\): enumeration [\d.]+\n\[2\/2\] enumeration boards seed 1: completed \| % of ships hit \(higher is better\): enumeration [\d.]+\n$/,
    );
    const resumed = captureStream(false);
    await runCli(
      [
        'run',
        'battleship',
        '--methods',
        'enumeration',
        '--seeds',
        '2',
        '--steps',
        '1',
        '--out',
        out,
        '--resume',
      ],
      resumed.stream,
    );
    expect(resumed.text()).toMatch(
      /seed 0: skipped \| % of ships hit \(higher is better\): enumeration [\d.]+/,
    );
  }, 60_000);

  it('shows tokens and dollars when a model is in use', () => {
    const plain = captureStream(false);
    const progress = createRunProgress(1, {
      stream: plain.stream,
      usage: () => ({ calls: 2, inputTokens: 100, outputTokens: 20, costUsd: 0.0125 }),
      metric: { name: 'accuracy', lowerIsBetter: false },
    });
    progress.score({ plan: plan('trace', 'navigate'), step: 0, value: 50 });
    progress.unit({ plan: plan('trace', 'navigate'), outcome: 'completed', done: 1, total: 1 });
    progress.stop();
    expect(plain.text()).toBe(
      '[1/1] trace navigate seed 0: completed | accuracy (higher is better): trace 50 | 120 tokens, $0.0125\n',
    );
  });
});

it('runExperiment reports each recorded score through onScore', async () => {
  const out = await freshFolder();
  const seen: string[] = [];
  await runExperiment({
    experiment: 'numerical',
    methods: ['adam'],
    size: 'smoke',
    steps: 1,
    out,
    onScore: (event) => seen.push(`${event.plan.task}@${event.step}`),
  });
  expect(seen).toEqual([
    'problem-00@0',
    'problem-00@1',
    'problem-01@0',
    'problem-01@1',
    'problem-02@0',
    'problem-02@1',
  ]);
});
