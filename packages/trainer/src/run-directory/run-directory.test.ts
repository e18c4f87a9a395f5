import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { useTemporaryDirectories } from '../../test/temporary-directory.js';
import { TrainerError } from '../errors.js';
import { findRunDirectories, readLatestCheckpoint, readRunDirectory } from './run-reader.js';
import { type RunEventInput, type RunManifestInput, RunWriter } from './run-writer.js';

const temporary = useTemporaryDirectories();

const manifest: RunManifestInput = {
  runId: 'run-1',
  createdAt: new Date(0).toISOString(),
  kind: 'train',
  method: 'adam',
  packages: { '@trace/trainer': '0.0.0' },
  node: process.version,
  options: { batchSize: 2 },
  seeds: { shuffle: 1 },
  datasets: { train: 4 },
  parameters: [{ name: 'x:0', value: 0 }],
};
const usage = { calls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 };
const step = (n: number): RunEventInput => ({
  type: 'step',
  step: n,
  epoch: 0,
  examples: [{ index: 0, score: 1, feedback: 'ok <script>', durationMs: 1 }],
  meanScore: 1,
  proposals: [{ index: 0, record: { prompt: 'p', reply: 'r' }, accepted: true }],
  accepted: true,
  changes: [{ name: 'x:0', before: n - 1, after: n }],
  usage,
  totalUsage: usage,
  durationMs: 2,
});
const trainerState = {
  epoch: 0,
  cursor: 0,
  order: [0, 1],
  rng: 5,
  best: null,
  sinceBest: 0,
  lastValidation: null,
  usage,
  elapsedMs: 0,
};

describe('run directory', () => {
  test('what the writer writes, the reader reads back validated', async () => {
    const directory = await temporary();
    const writer = await RunWriter.create(directory, manifest);
    await writer.append({ type: 'run-start', resumed: false, fromStep: 0 });
    await writer.append(step(1));
    await writer.checkpoint({
      step: 1,
      parameters: [{ name: 'x:0', value: 1 }],
      optimizer: { name: 'adam', state: {} },
      trainer: trainerState,
    });
    await writer.finish({
      status: 'completed',
      reason: 'completed',
      message: 'done',
      resumable: false,
      steps: 1,
      best: null,
      parameters: [{ name: 'x:0', value: 1 }],
      usage,
      durationMs: 3,
    });
    await writer.close();
    const run = await readRunDirectory(directory);
    expect(run.manifest.formatVersion).toBe(1);
    expect(run.events.map((event) => [event.seq, event.type])).toEqual([
      [0, 'run-start'],
      [1, 'step'],
    ]);
    expect(run.final?.status).toBe('completed');
    expect(run.checkpoints).toEqual(['step-000001.json']);
    expect((await readLatestCheckpoint(directory))?.eventsLines).toBe(2);
  });

  test('a bad line is named; a cut-short last line is reported, not an error', async () => {
    const directory = await temporary();
    const writer = await RunWriter.create(directory, manifest);
    await writer.append(step(1));
    await writer.close();
    const events = join(directory, 'events.jsonl');
    await appendFile(events, '{"seq":1,"type":"step"}\n{"seq":2,"ty');
    await expect(readRunDirectory(directory)).rejects.toThrow(
      /events\.jsonl line 2 is not a valid run event/,
    );
    await writeFile(events, `${(await readFile(events, 'utf8')).split('\n')[0]}\n{"seq":1,"ty`);
    const run = await readRunDirectory(directory);
    expect(run.events).toHaveLength(1);
    expect(run.truncatedTail).toBe(true);
  });

  test('a newer format version is refused clearly and the file is left alone', async () => {
    const directory = await temporary();
    const writer = await RunWriter.create(directory, manifest);
    await writer.close();
    const path = join(directory, 'manifest.json');
    const newer = JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), formatVersion: 2 });
    await writeFile(path, newer);
    const error = await readRunDirectory(directory).catch((caught: unknown) => caught);
    expect(TrainerError.isInstance(error) && error.code).toBe('NEWER_FORMAT');
    expect((error as Error).message).toMatch(
      /format version 2; this @trace\/trainer reads versions up to 1\. Upgrade/,
    );
    expect(await readFile(path, 'utf8')).toBe(newer);
  });

  test('create refuses a directory that already holds a run, and changes nothing', async () => {
    const directory = await temporary();
    const writer = await RunWriter.create(directory, manifest);
    await writer.append(step(1));
    await writer.close();
    const before = await readFile(join(directory, 'events.jsonl'), 'utf8');
    await expect(RunWriter.create(directory, { ...manifest, runId: 'other' })).rejects.toThrow(
      /already holds a run/,
    );
    expect(await readFile(join(directory, 'events.jsonl'), 'utf8')).toBe(before);
    expect((await readRunDirectory(directory)).manifest.runId).toBe('run-1');
  });

  test('resume cuts events back to the checkpoint and refuses a foreign checkpoint', async () => {
    const directory = await temporary();
    const writer = await RunWriter.create(directory, manifest);
    await writer.append(step(1));
    await writer.checkpoint({
      step: 1,
      parameters: [],
      optimizer: { name: 'adam', state: {} },
      trainer: trainerState,
    });
    await writer.append(step(2)); // a step that never reached its checkpoint
    await writer.close();
    const checkpoint = await readLatestCheckpoint(directory);
    await expect(
      RunWriter.resume(directory, { ...checkpoint!, runId: 'someone-else' }),
    ).rejects.toThrow(/belongs to run someone-else/);
    expect((await readRunDirectory(directory)).events).toHaveLength(2);
    const resumed = await RunWriter.resume(directory, checkpoint);
    await resumed.append(step(2));
    await resumed.close();
    const run = await readRunDirectory(directory);
    expect(run.events.map((event) => event.seq)).toEqual([0, 1]);
  });

  test('findRunDirectories finds every unit of a collection, nested at any depth', async () => {
    const folder = await temporary();
    for (const unit of [
      'bbh/trace/navigate/seed-0',
      'bbh/opro/navigate/seed-0',
      'numerical/adam/seed-1',
    ]) {
      const writer = await RunWriter.create(join(folder, unit), { ...manifest, runId: unit });
      await writer.close();
    }
    const found = await findRunDirectories(folder);
    expect(found.map((path) => path.slice(folder.length + 1))).toEqual([
      'bbh/opro/navigate/seed-0',
      'bbh/trace/navigate/seed-0',
      'numerical/adam/seed-1',
    ]);
  });
});
