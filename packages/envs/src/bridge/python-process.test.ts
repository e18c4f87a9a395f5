import { afterEach, describe, expect, it } from 'vitest';
import { PythonProtocolError } from './errors/python-protocol-error.js';
import { PythonProcess } from './python-process.js';
import { fakePython } from './testing/process-helpers.js';

const started: PythonProcess[] = [];

function processFor(script: string, maxLineChars?: number): PythonProcess {
  const child = new PythonProcess({
    environmentId: 'test/lines',
    python: fakePython(script),
    serverScript: 'unused.py',
    stderrTailChars: 1000,
    maxLineChars,
  });
  started.push(child);
  return child;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((child) => child.stop('closed')));
});

describe('PythonProcess reads stdout lines from any chunking', () => {
  it('joins a reply split over many chunks and splits several replies in one chunk', async () => {
    const child = processFor(
      [
        'read first; read second; read third',
        `printf '{"id":1,"ok":tr'; sleep 0.05`,
        `printf 'ue,"result":"first"}\\n\\n{"id":2,"ok":true,"result":"sec'; sleep 0.05`,
        `printf 'ond"}\\n{"id":3,"ok":true,"result":"'`,
        'i=0; while [ $i -lt 40 ]; do printf "0123456789"; sleep 0.005; i=$((i+1)); done',
        `printf '"}\\n'`,
        'sleep 5',
      ].join('\n'),
    );
    const replies = await Promise.all([
      child.request('ping', {}, 5_000),
      child.request('ping', {}, 5_000),
      child.request('ping', {}, 5_000),
    ]);
    expect(replies.slice(0, 2)).toEqual(['first', 'second']);
    expect(replies[2]).toBe('0123456789'.repeat(40));
  }, 15_000);

  it('stops at a line longer than the limit even when it arrives in pieces', async () => {
    const child = processFor(
      [
        'read first',
        'i=0; while [ $i -lt 30 ]; do printf "xxxxxxxxxx"; sleep 0.005; i=$((i+1)); done',
        'sleep 5',
      ].join('\n'),
      100,
    );
    const error = await child.request('ping', {}, 5_000).catch((caught: unknown) => caught);
    expect(PythonProtocolError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('a line longer than 100 characters');
  }, 15_000);
});
