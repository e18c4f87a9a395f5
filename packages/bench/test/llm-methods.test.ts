import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReplayModel, withBudget, withRecording } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { afterEach, describe, expect, it } from 'vitest';
import { createPipelineCheckModel } from '../src/ci/scripted-model.js';
import { runExperiment, writeReport } from '../src/index.js';

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-llm-'));
  folders.push(folder);
  return folder;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

/** A model that moves x one unit toward what the feedback asks (reads it from the prompt). */
function stepper(): MockLLM {
  return new MockLLM({
    responses: (request) => {
      const text = request.messages
        .map((m) => (typeof m.content === 'string' ? m.content : ''))
        .join('\n');
      const x = /"?x0?"?\s*(?:\(float\)|\(int\)|=|:)\s*(-?[\d.]+)/.exec(text);
      const current = x === null ? -1 : Number(x[1]);
      const larger = text.includes('needs to be larger');
      return JSON.stringify({
        reasoning: 'scripted',
        suggestion: { x0: current + (larger ? 1 : -1) },
      });
    },
  });
}

describe('LLM methods', () => {
  it('label a scripted run a pipeline check in the report and the plot', async () => {
    const out = join(await freshFolder(), 'run');
    await runExperiment({
      experiment: 'numerical',
      methods: ['trace', 'opro'],
      size: 'smoke',
      out,
      model: createPipelineCheckModel(),
      modelLabel: 'scripted:pipeline-check',
      modelKind: 'scripted',
    });
    await writeReport(out);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('**Pipeline check.**');
    expect(await readFile(join(out, 'plots', 'numerical.svg'), 'utf8')).toContain('pipeline check');
  }, 60_000);

  it('replay a recording to identical tables, and name a replay that does not match', async () => {
    const folder = await freshFolder();
    const file = join(folder, 'calls.jsonl');
    const options = { experiment: 'numerical', methods: ['trace'], size: 'smoke' as const };
    await runExperiment({
      ...options,
      out: join(folder, 'a'),
      model: withRecording(stepper(), { file }),
    });
    const replay = createReplayModel({ file, provider: 'mock', modelId: 'mock-model' });
    await runExperiment({ ...options, out: join(folder, 'b'), model: replay, modelKind: 'replay' });
    await writeReport(join(folder, 'a'));
    await writeReport(join(folder, 'b'));
    const table = (text: string) => text.slice(text.indexOf('## Per step'));
    expect(table(await readFile(join(folder, 'b', 'report.md'), 'utf8'))).toBe(
      table(await readFile(join(folder, 'a', 'report.md'), 'utf8')),
    );
    await expect(
      runExperiment({ ...options, methods: ['opro'], out: join(folder, 'c'), model: replay }),
    ).rejects.toThrow(/opro on problem-00 \(seed 0\) failed:.*--resume/s);
  }, 60_000);

  it('stop on a spent budget with finished units kept, and resume with a larger one', async () => {
    const out = join(await freshFolder(), 'run');
    const options = { experiment: 'numerical', methods: ['trace'], size: 'smoke' as const, out };
    const priced = () =>
      new MockLLM({
        responses: {
          text: JSON.stringify({ reasoning: 'r', noChange: true, suggestion: {} }),
          usage: { inputTokens: 1000, outputTokens: 100 },
        },
      });
    const prices = { 'mock-model': { inputPerMillion: 1000, outputPerMillion: 1000 } };
    const tight = withBudget(priced(), { maxCostUsd: 8, prices });
    await expect(runExperiment({ ...options, model: tight })).rejects.toThrow(/failed/);
    const generous = withBudget(priced(), { maxCostUsd: 1000, prices });
    const resumed = await runExperiment({ ...options, model: generous, resume: true });
    expect(resumed.skipped).toBeGreaterThanOrEqual(1);
    expect(resumed.completed + resumed.skipped).toBe(3);
  }, 60_000);
});
