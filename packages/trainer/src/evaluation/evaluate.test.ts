import { bundle, node } from '@trace/core';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { exactMatch } from '../guides/exact-match.js';
import { evaluate } from './evaluate.js';

const examples = [
  { question: 'a', target: 'A' },
  { question: 'b', target: 'B' },
  { question: 'c', target: 'wrong' },
  { question: 'boom', target: 'X' },
];
const upper = async (example: { question: string }) => {
  if (example.question === 'boom') throw new Error('the workflow broke');
  return example.question.toUpperCase();
};

describe('evaluate', () => {
  test('records every example, keeps a thrown error at score 0, and gives mean ± standard error', async () => {
    const result = await evaluate(upper, examples, exactMatch());
    expect(result.examples.map((example) => example.score)).toEqual([1, 1, 0, 0]);
    expect(result.examples[3]?.error).toBe('Error: the workflow broke');
    expect(result.failed).toBe(1);
    expect(result.mean).toBe(0.5);
    expect(result.standardError).toBeCloseTo(Math.sqrt(1 / 3 / 4), 12);
  });

  test('each example runs in its own scope: node names are the same for every example', async () => {
    const names: string[] = [];
    const answer = bundle(async (text: string) => text.toUpperCase(), { name: 'answer' });
    await evaluate(
      async (example: { question: string }) => {
        const output = await answer(node(example.question, { name: 'question' }));
        names.push(output.name);
        return output;
      },
      examples.slice(0, 3),
      exactMatch(),
    );
    expect(new Set(names).size).toBe(1);
  });

  test('never runs more than `concurrency` examples at once, 100 examples', async () => {
    let running = 0;
    let peak = 0;
    const many = Array.from({ length: 100 }, (_value, index) => ({
      question: `${index}`,
      target: `${index}`,
    }));
    const result = await evaluate(
      async (example: { question: string }) => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
        return example.question;
      },
      many,
      exactMatch(),
      { concurrency: 7 },
    );
    expect(peak).toBe(7);
    expect(result.mean).toBe(1);
  });

  test('bad input: an empty dataset, a misfit example, a guide that throws or gives no feedback', async () => {
    await expect(evaluate(upper, [] as typeof examples, exactMatch())).rejects.toThrow(
      /dataset is empty/,
    );
    await expect(
      evaluate(upper, [{ question: 'a', target: 'A' }, { q: 1 } as never], exactMatch(), {
        exampleSchema: z.object({ question: z.string(), target: z.string() }),
      }),
    ).rejects.toThrow(/evaluation example 1 does not fit the workflow \(question: /);
    await expect(
      evaluate(upper, examples.slice(0, 2), () => {
        throw new Error('guide bug');
      }),
    ).rejects.toThrow(/The guide threw on evaluation example 0: Error: guide bug/);
    await expect(
      evaluate(upper, examples.slice(0, 2), () => {
        throw new Error('The judge is down.');
      }),
    ).rejects.toThrow('example 0: Error: The judge is down. Fix the guide');
    await expect(
      evaluate(upper, examples.slice(0, 2), () => ({ score: 1 }) as never),
    ).rejects.toThrow(/returned \{"score":1\} for evaluation example 0; a guide must return/);
    await expect(evaluate(upper, examples, exactMatch(), { concurrency: 0 })).rejects.toThrow(
      /concurrency must be/,
    );
  });

  test('an aborted signal stops starting examples', async () => {
    const controller = new AbortController();
    let ran = 0;
    const promise = evaluate(
      async (example: { question: string }) => {
        ran += 1;
        if (ran === 2) controller.abort(new Error('stop now'));
        return example.question;
      },
      Array.from({ length: 20 }, () => ({ question: 'q', target: 'q' })),
      exactMatch(),
      { concurrency: 1, signal: controller.signal },
    );
    await expect(promise).rejects.toThrow(/stop now/);
    expect(ran).toBe(2);
  });
});
