import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withRecording } from '@trace/llm';
import { describe, expect, it } from 'vitest';
import { createPipelineCheckModel } from '../src/ci/scripted-model.js';
import { createProgram } from '../src/cli/program.js';
import { runExperiment } from '../src/index.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = createProgram({ out: (t) => (out += t), err: (t) => (err += t) });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return { code: typeof code === 'number' ? code : 1, out, err: err + String(error) };
  }
}

describe('trace-bench command line', () => {
  it('lists the experiments', async () => {
    const result = await cli(['list']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('numerical: Numerical optimization');
  });

  it('rejects a bad number and an unknown size with the option named', async () => {
    expect((await cli(['run', 'numerical', '--steps', '0'])).err).toMatch(
      /--steps takes a positive integer; got '0'/,
    );
    expect((await cli(['run', 'numerical', '--size', 'huge'])).err).toMatch(
      /--size is smoke or paper/,
    );
    expect((await cli(['frobnicate'])).code).not.toBe(0);
    expect((await cli(['run', 'traffic', '--simulator', 'sumo'])).err).toMatch(
      /--simulator is native or uxsim; got 'sumo'/,
    );
    expect(
      (await cli(['run', 'numerical', '--simulator', 'uxsim', '--methods', 'adam'])).err,
    ).toMatch(/applies to the traffic experiment only/);
  });

  it('replays a recording through the command line, metering the model use of each step', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-cli-'));
    try {
      const file = join(folder, 'calls.jsonl');
      const options = {
        experiment: 'numerical',
        methods: ['trace', 'textgrad'],
        size: 'smoke' as const,
      };
      await runExperiment({
        ...options,
        out: join(folder, 'recorded'),
        model: withRecording(createPipelineCheckModel(), { file }),
      });
      const out = join(folder, 'replayed');
      const run = await cli([
        'run',
        'numerical',
        '--methods',
        'trace,textgrad',
        '--size',
        'smoke',
        '--replay',
        file,
        '--model',
        'scripted:pipeline-check',
        '--out',
        out,
      ]);
      expect(run.err).not.toMatch(/Error/);
      expect(run.out).toMatch(/6 unit\(s\) run/);
      expect((await cli(['report', out])).code).toBe(0);
      const report = await readFile(join(out, 'report.md'), 'utf8');
      expect(report).toContain('model: scripted:pipeline-check (replay)');
      expect(report).toMatch(/\| trace \| 9 \| 1 \|/);
      expect(report).toMatch(/\| textgrad \| 9 \| [2-9]\d* \|/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
