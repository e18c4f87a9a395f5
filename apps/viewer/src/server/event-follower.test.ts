import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EventFollower } from './event-follower.js';

let folder: string;
const line = (seq: number, step: number) =>
  `${JSON.stringify({ seq, time: '2026-11-30T00:00:00.000Z', type: 'retry', step, attempt: 1, error: 'é ✓ boom' })}\n`;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-viewer-follow-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

it('reads only appended lines, waits for a line cut mid-way (even mid-character), and restarts when the file shrinks', async () => {
  const path = join(folder, 'events.jsonl');
  const follower = new EventFollower(folder);
  expect(await follower.refresh()).toBe(false);
  await writeFile(path, line(0, 1));
  expect(await follower.refresh()).toBe(true);
  const second = Buffer.from(line(1, 2));
  const cut = second.indexOf(Buffer.from('✓')) + 1;
  await appendFile(path, second.subarray(0, cut));
  expect(await follower.refresh()).toBe(false);
  expect(follower.truncatedTail).toBe(true);
  await appendFile(path, second.subarray(cut));
  expect(await follower.refresh()).toBe(true);
  expect(follower.events.map((event) => event.seq)).toEqual([0, 1]);
  expect((follower.events[1] as { error: string }).error).toBe('é ✓ boom');
  await writeFile(path, line(0, 7));
  await follower.refresh();
  expect(follower.events.map((event) => (event as { step: number }).step)).toEqual([7]);
});

it('keeps refusing an invalid line instead of skipping it on the next refresh', async () => {
  const path = join(folder, 'events.jsonl');
  const follower = new EventFollower(folder);
  await writeFile(path, `${line(0, 1)}{"seq":1,"type":"bogus"}\n`);
  await expect(follower.refresh()).rejects.toThrow(/events\.jsonl/);
  await expect(follower.refresh()).rejects.toThrow(/events\.jsonl/);
  expect(follower.events).toHaveLength(0);
});
