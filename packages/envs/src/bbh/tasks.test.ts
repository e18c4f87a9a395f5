import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BbhError } from './bbh-error.js';
import { bundledBbhDataDirectory } from './bundled-data.js';
import { BBH_TASK_FILES, BBH_TASKS, bbhTaskOfFile } from './tasks.js';

const dataDirectory = bundledBbhDataDirectory();

describe('BBH_TASKS', () => {
  it('has 23 tasks, 11 algorithmic and 12 NLP, over 27 files', () => {
    expect(BBH_TASKS).toHaveLength(23);
    expect(BBH_TASKS.filter((task) => task.category === 'algorithmic')).toHaveLength(11);
    expect(BBH_TASKS.filter((task) => task.category === 'nlp')).toHaveLength(12);
    expect(BBH_TASK_FILES).toHaveLength(27);
    expect(new Set(BBH_TASK_FILES).size).toBe(27);
  });

  it('names exactly the files of the bundled data folder', async () => {
    const onDisk = (await readdir(dataDirectory))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -5))
      .sort();
    expect(onDisk).toEqual([...BBH_TASK_FILES].sort());
  });

  it('groups the size variants into one task', () => {
    expect(bbhTaskOfFile('logical_deduction_seven_objects.json').name).toBe('logical_deduction');
    expect(bbhTaskOfFile('tracking_shuffled_objects_three_objects')).toMatchObject({
      name: 'tracking_shuffled_objects',
      category: 'algorithmic',
    });
    expect(bbhTaskOfFile('snarks').category).toBe('nlp');
    expect(() => bbhTaskOfFile('logical_deduction')).toThrow(BbhError);
    expect(() => bbhTaskOfFile('chess')).toThrow(/not a Big-Bench Hard data file/);
  });
});

describe('bundledBbhDataDirectory', () => {
  it('is the package folder holding the 27 files and their licence', async () => {
    expect(dataDirectory).toMatch(/packages\/envs\/data\/bbh$/);
    const licence = await readFile(join(dataDirectory, 'LICENSE'), 'utf8');
    expect(licence).toMatch(/^MIT License/);
    expect(licence).toMatch(/suzgunmirac/);
  });

  it('is found from a built module too, and a missing folder is a clear error', () => {
    const fromDist = join(dataDirectory, '..', '..', 'dist', 'index.js');
    expect(bundledBbhDataDirectory(fromDist)).toBe(dataDirectory);
    expect(() => bundledBbhDataDirectory('/')).toThrow(/reinstall the package|downloadBbhData/);
  });
});
