import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BbhError } from './bbh-error.js';
import { bundledBbhDataDirectory } from './bundled-data.js';
import { loadBbhTask, loadBbhTasks } from './load-task.js';
import { splitBbhExamples } from './splits.js';

const dataDirectory = bundledBbhDataDirectory();
const scratch = await mkdtemp(join(tmpdir(), 'bbh-load-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('loadBbhTask', () => {
  it('loads a file with its task, category and examples in order', async () => {
    const data = await loadBbhTask(dataDirectory, 'boolean_expressions');
    expect(data).toMatchObject({ file: 'boolean_expressions', task: 'boolean_expressions' });
    expect(data.category).toBe('algorithmic');
    expect(data.examples).toHaveLength(250);
    expect(data.examples[0]).toEqual({ input: 'not ( True ) and ( True ) is', target: 'False' });
    expect(data.canary).toMatch(/canary GUID/);
  });

  it('loads all 27 files: 6,511 examples', async () => {
    const all = await loadBbhTasks(dataDirectory);
    expect(all).toHaveLength(27);
    expect(all.reduce((sum, data) => sum + data.examples.length, 0)).toBe(6511);
    const penguins = all.find((data) => data.file === 'penguins_in_a_table');
    expect(penguins?.examples).toHaveLength(146);
  });

  it('says what to do when the file is missing or malformed', async () => {
    await expect(loadBbhTask(scratch, 'navigate')).rejects.toThrow(/downloadBbhData/);
    await writeFile(join(scratch, 'snarks.json'), '{"examples": [{"input": "q"}]}');
    await expect(loadBbhTask(scratch, 'snarks')).rejects.toThrow(
      /example 0 needs string "input" and "target"/,
    );
    await writeFile(join(scratch, 'hyperbaton.json'), 'not json');
    const error = await loadBbhTask(scratch, 'hyperbaton').catch((caught: unknown) => caught);
    expect(BbhError.isInstance(error)).toBe(true);
    expect((error as BbhError).code).toBe('INVALID_FORMAT');
    expect((error as BbhError).cause).toBeInstanceOf(SyntaxError);
    await writeFile(join(scratch, 'navigate.json'), '{"canary": "x"}');
    await expect(loadBbhTask(scratch, 'navigate')).rejects.toThrow(/no "examples" array/);
  });
});

describe('loadBbhTasks', () => {
  it('checks every name before reading, stops at the first bad file, and honours a signal', async () => {
    await expect(loadBbhTasks(dataDirectory, { files: ['navigate', 'chess'] })).rejects.toThrow(
      /"chess" is not a Big-Bench Hard data file/,
    );
    const folder = await mkdtemp(join(scratch, 'many-'));
    await writeFile(join(folder, 'snarks.json'), 'not json');
    for (const name of ['navigate', 'hyperbaton']) {
      await copyFile(join(dataDirectory, `${name}.json`), join(folder, `${name}.json`));
    }
    await expect(
      loadBbhTasks(folder, { files: ['snarks', 'navigate', 'hyperbaton'] }),
    ).rejects.toMatchObject({ code: 'INVALID_FORMAT' });
    await expect(
      loadBbhTasks(dataDirectory, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(
      loadBbhTask(dataDirectory, 'navigate', { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'ABORTED' });
  });
});

describe('splitBbhExamples', () => {
  it('takes the first 15 for train, the next 5 for validation and the rest for test', async () => {
    const { examples } = await loadBbhTask(dataDirectory, 'snarks');
    const splits = splitBbhExamples(examples);
    expect(splits.train).toEqual(examples.slice(0, 15));
    expect(splits.validation).toEqual(examples.slice(15, 20));
    expect(splits.test).toHaveLength(178 - 20);
    expect(splits.test[0]).toBe(examples[20]);
  });

  it('accepts other sizes and refuses splits that leave no test examples', () => {
    const items = Array.from({ length: 10 }, (_, index) => index);
    expect(splitBbhExamples(items, { train: 2, validation: 3 }).test).toEqual([5, 6, 7, 8, 9]);
    expect(() => splitBbhExamples(items)).toThrow(/nothing would be left for test/);
    expect(() => splitBbhExamples(items, { train: -1 })).toThrow(/train must be/);
  });
});
