import { describe, expect, it } from 'vitest';
import { countFirstStepTokens, experiments, tokenTable } from '../src/index.js';

describe('trace-bench tokens', () => {
  it('counts both optimizers on every experiment, OptoPrime showing the graph OPRO does not', async () => {
    const rows = await countFirstStepTokens();
    expect(rows.map((row) => `${row.experiment}/${row.method}`)).toEqual(
      experiments.flatMap((e) => [`${e.name}/trace`, `${e.name}/opro`, `${e.name}/textgrad`]),
    );
    for (const experiment of experiments) {
      const trace = rows.find((r) => r.experiment === experiment.name && r.method === 'trace')!;
      const opro = rows.find((r) => r.experiment === experiment.name && r.method === 'opro')!;
      expect(trace.userTokens).toBeGreaterThan(opro.userTokens);
      expect(opro.systemTokens).toBeGreaterThan(0);
      expect([trace.calls, opro.calls]).toEqual([1, 1]);
      const textgrad = rows.find(
        (r) => r.experiment === experiment.name && r.method === 'textgrad',
      )!;
      expect(textgrad.calls).toBeGreaterThan(1);
    }
    expect(tokenTable(rows)).toMatch(/\| numerical \| trace \| 1 \| \d+ \| \d+ \| \d+ \|/);
  }, 120_000);
});
