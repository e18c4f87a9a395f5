import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BenchError, runExperiment } from '../src/index.js';
import { createHashModel } from './fixtures/hash-model.js';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** Every checkpoint file under `directory`. */
async function checkpointFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.parentPath.endsWith('checkpoints'))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('bbh: a unit checkpoint whose training state this version cannot continue', () => {
  it('fails the resume with a message saying to remove the unit folder, and keeps the checkpoint', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-bbh-state-'));
    folders.push(folder);
    const options = {
      experiment: 'bbh',
      methods: ['trace'],
      size: 'smoke' as const,
      modelLabel: 'scripted:hash',
      modelKind: 'scripted' as const,
    };
    const clean = createHashModel();
    await runExperiment({ ...options, out: join(folder, 'clean'), model: clean });
    const out = join(folder, 'broken');
    await runExperiment({
      ...options,
      out,
      model: createHashModel({ failAt: clean.callCount - 1 }),
    }).catch(() => undefined);
    // The state an older bench saved: best values in parameter order, no step records.
    const files = await checkpointFiles(join(out, 'units'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const checkpoint = JSON.parse(await readFile(file, 'utf8'));
      checkpoint.bench.state = { failing: [], best: ['a', 'b', 'c'], bestAccuracy: 0.5 };
      await writeFile(file, JSON.stringify(checkpoint));
    }
    const error = await runExperiment({
      ...options,
      out,
      resume: true,
      model: createHashModel(),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BenchError);
    expect((error as Error).message).toMatch(/older @trace\/bench: remove that unit folder/);
    expect((error as Error).message).toMatch(/step must be an integer from 0 to 2 .*got undefined/);
    expect(await checkpointFiles(join(out, 'units'))).toEqual(files);
  }, 60_000);
});
