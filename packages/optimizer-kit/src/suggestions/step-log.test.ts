import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceError } from '@trace/core';
import { afterEach, describe, expect, test } from 'vitest';
import { compactSuggestionRecord, readStepLog } from './step-log.js';
import type { SuggestionStepRecord } from './step-record.js';
import { StepRecorder } from './step-recorder.js';

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

async function logPath(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'trace-step-log-'));
  directories.push(directory);
  return join(directory, 'steps.jsonl');
}

const system = `You improve variables.\n\n${'Rules of the reply format. '.repeat(80)}`;

/** An OPRO-like record: the user turn repeats every earlier attempt, then adds the new one. */
function record(step: number): SuggestionStepRecord {
  const attempts = Array.from(
    { length: step },
    (_, index) =>
      `[attempt ${index + 1}]\nVariables:\n(number) x0 = ${index}\nFeedback:\n${'too small; '.repeat(20)}`,
  );
  return {
    optimizer: 'opro',
    step,
    status: 'updated',
    model: 'mock:mock-model',
    prompt: {
      system,
      user: `#Instruction\nDo better.\n\n#History\n${attempts.join('\n\n')}\n\nYour JSON reply:`,
    },
    attempts: [
      { reply: `{"suggestion":{"x0":${step}}}`, inputTokens: 10, outputTokens: 5, latencyMs: 1 },
    ],
    applied: [{ name: 'x:0', label: 'x0', before: step - 1, after: step }],
    rejected: [],
    unchanged: [],
    tokens: { input: 10, output: 5 },
    latencyMs: 1,
  };
}

describe('step logs with shared paragraphs', () => {
  test('repeated paragraphs are written once, and readStepLog restores every prompt exactly', async () => {
    const path = await logPath();
    const recorder = new StepRecorder({ logPath: path, toLogLine: compactSuggestionRecord });
    const records = Array.from({ length: 60 }, (_, index) => record(index + 1));
    for (const item of records) await recorder.emit(item);
    expect(await readStepLog(path)).toEqual(records);
    const naive = records.reduce((sum, item) => sum + JSON.stringify(item).length + 1, 0);
    const written = (await stat(path)).size;
    // The full records repeat the history (about 660 kB); with shared paragraphs, a fraction of it.
    expect(naive).toBeGreaterThan(600_000);
    expect(written).toBeLessThan(naive / 5);
  });

  test('two recorders sharing one log each define what they use; all records read back', async () => {
    const path = await logPath();
    const first = new StepRecorder({ logPath: path, toLogLine: compactSuggestionRecord });
    const second = new StepRecorder({ logPath: path, toLogLine: compactSuggestionRecord });
    const records = Array.from({ length: 10 }, (_, index) => record(index + 1));
    await Promise.all(records.map((item, index) => (index % 2 === 0 ? first : second).emit(item)));
    const read = await readStepLog(path);
    expect(read.map((item) => item.step).sort((a, b) => a - b)).toEqual(
      records.map((item) => item.step),
    );
    for (const item of read) expect(item).toEqual(records[item.step - 1]);
  });

  test('a paragraph that failed to be written is written again with the next record', async () => {
    const path = await logPath();
    const blocked = new StepRecorder({
      logPath: join(path, '..'),
      toLogLine: compactSuggestionRecord,
    });
    await expect(blocked.emit(record(1))).rejects.toThrow(/Could not append/);
    const recorder = new StepRecorder({ logPath: path, toLogLine: compactSuggestionRecord });
    await recorder.emit(record(1));
    expect(await readStepLog(path)).toEqual([record(1)]);
  });

  test('plain records (older logs, records without a prompt) read as they are', async () => {
    const path = await logPath();
    const plain = new StepRecorder<SuggestionStepRecord>({ logPath: path });
    await plain.emit(record(1));
    const { prompt: _prompt, ...withoutPrompt } = record(2);
    await plain.emit(withoutPrompt);
    expect(await readStepLog(path)).toEqual([record(1), withoutPrompt]);
  });

  test('a broken line or a paragraph defined nowhere is named by its line', async () => {
    const path = await logPath();
    const recorder = new StepRecorder({ logPath: path, toLogLine: compactSuggestionRecord });
    await recorder.emit(record(1));
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${lines.slice(1).join('\n')}\n`);
    const missing = await readStepLog(path).catch((error: unknown) => error);
    expect(TraceError.isInstance(missing) && missing.code).toBe('PERSISTENCE');
    expect((missing as Error).message).toMatch(
      /line \d+ refers to paragraph .*, which no earlier line defines/,
    );
    await writeFile(path, `${lines.join('\n')}\n{"step": 2,\n`);
    await expect(readStepLog(path)).rejects.toThrow(
      new RegExp(`line ${lines.length + 1} is not JSON`),
    );
  });
});
