import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli/program.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
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
    const result = await run(['list']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('numerical: Numerical optimization');
  });

  it('rejects a bad number and an unknown size with the option named', async () => {
    expect((await run(['run', 'numerical', '--steps', '0'])).err).toMatch(
      /--steps takes a positive integer; got '0'/,
    );
    expect((await run(['run', 'numerical', '--size', 'huge'])).err).toMatch(
      /--size is smoke or paper/,
    );
    expect((await run(['frobnicate'])).code).not.toBe(0);
  });
});
