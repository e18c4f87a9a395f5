import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { StorageError } from '../errors/storage-error.js';
import { complete } from '../spec/complete.js';
import { MockLLM } from '../test/mock-llm.js';
import { withRecording } from './with-recording.js';

let directory: string;
let file: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'trace-llm-recording-failures-'));
  file = join(directory, 'run.json');
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('withRecording when a write fails', () => {
  it('rejects every call whose entry was not written, and flush() rejects too', async () => {
    // Not a recording: every append refuses to overwrite it.
    writeFileSync(file, 'not a recording');
    const model = withRecording(new MockLLM({ responses: (_request, index) => `r${index}` }), {
      file,
    });
    const outcomes = await Promise.allSettled(
      ['A', 'B', 'C'].map((content) => complete(model, content)),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes) {
      expect(StorageError.isInstance((outcome as PromiseRejectedResult).reason)).toBe(true);
    }
    const flushed = await model.flush().catch((caught: unknown) => caught);
    expect(StorageError.isInstance(flushed)).toBe(true);

    // Once the file is writable again, later calls are recorded and flush() resolves.
    rmSync(file);
    await complete(model, 'D');
    await expect(model.flush()).resolves.toBeUndefined();
    const entries = JSON.parse(readFileSync(file, 'utf8')).entries;
    expect(
      entries.map(
        (entry: { request: { messages: { content: string }[] } }) =>
          entry.request.messages[0]?.content,
      ),
    ).toEqual(['D']);
  });

  it('a call queued behind a failing batch is not told its entry is on disk', async () => {
    writeFileSync(file, '{"format": "something else"}');
    const model = withRecording(new MockLLM({ latencyMs: (_request, index) => index }), { file });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, index) => complete(model, `q${index}`)),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(0);
    await expect(model.flush()).rejects.toThrow(/not a trace-llm recording/);
  });

  it('refuses unknown and malformed options', () => {
    expect(() => withRecording(new MockLLM(), { file, mod: 'append' } as never)).toThrow(
      ConfigurationError,
    );
    expect(() => withRecording(new MockLLM(), { file, mode: 'replace' } as never)).toThrow(
      /'append' or 'overwrite'/,
    );
    expect(() => withRecording(new MockLLM(), { file: '' })).toThrow(/path of the recording/);
  });
});
