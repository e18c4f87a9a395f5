import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceError } from '@trace/core';
import { afterEach, describe, expect, test } from 'vitest';
import { StepRecorder } from './step-recorder.js';

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

describe('StepRecorder', () => {
  test('appends one JSON line per record, in order, then calls listeners', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'trace-steps-'));
    directories.push(directory);
    const path = join(directory, 'nested', 'steps.jsonl');
    const seen: number[] = [];
    const recorder = new StepRecorder<{ step: number; value: unknown }>({
      logPath: path,
      onStep: (record) => seen.push(record.step),
    });
    const stop = recorder.onStep((record) => seen.push(record.step * 10));
    await Promise.all([
      recorder.emit({ step: 1, value: Number.NaN }),
      recorder.emit({ step: 2, value: 'a\nb' }),
    ]);
    stop();
    await recorder.emit({ step: 3, value: null });
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { step: 1, value: 'NaN' },
      { step: 2, value: 'a\nb' },
      { step: 3, value: null },
    ]);
    expect(seen).toEqual([1, 10, 2, 20, 3]);
  });

  test('a log that cannot be written fails with a persistence error', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'trace-steps-'));
    directories.push(directory);
    const recorder = new StepRecorder<{ step: number }>({ logPath: directory });
    const failure = await recorder.emit({ step: 1 }).catch((error: unknown) => error);
    expect(TraceError.isInstance(failure) && failure.code).toBe('PERSISTENCE');
    // The next record is still written once the path works again.
    const ok = new StepRecorder<{ step: number }>({ logPath: join(directory, 'ok.jsonl') });
    await ok.emit({ step: 2 });
    expect(await readFile(join(directory, 'ok.jsonl'), 'utf8')).toBe('{"step":2}\n');
  });

  test('1 MB records from two recorders sharing a log land whole, each line parseable', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'trace-steps-'));
    directories.push(directory);
    const path = join(directory, 'shared.jsonl');
    const writers = ['a', 'b'].map(
      (name) =>
        [
          name,
          new StepRecorder<{ writer: string; step: number; text: string }>({ logPath: path }),
        ] as const,
    );
    const text = (writer: string, step: number) => `${writer}${step}${'x'.repeat(1_000_000)}`;
    await Promise.all(
      writers.flatMap(([name, recorder]) =>
        Array.from({ length: 8 }, (_, step) =>
          recorder.emit({ writer: name, step, text: text(name, step) }),
        ),
      ),
    );
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    const records = lines.map(
      (line) => JSON.parse(line) as { writer: string; step: number; text: string },
    );
    for (const record of records) expect(record.text).toBe(text(record.writer, record.step));
    for (const name of ['a', 'b']) {
      expect(
        records.filter((record) => record.writer === name).map((record) => record.step),
      ).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
  });
});
