import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { exactMatch } from './exact-match.js';
import { llmJudge } from './llm-judge.js';
import { isMultipleChoiceCorrect, multipleChoice } from './multiple-choice.js';
import { numericTarget } from './numeric-target.js';

describe('guides', () => {
  test('exactMatch is exact unless told to normalize', async () => {
    expect(await exactMatch()({ target: 'Yes' }, 'Yes', {})).toEqual({
      score: 1,
      feedback: 'Correct.',
    });
    expect((await exactMatch()({ target: 'Yes' }, 'yes ', {})).score).toBe(0);
    const loose = exactMatch({ normalize: (text) => text.trim().toLowerCase() });
    expect((await loose({ target: 'Yes' }, ' yes\n', {})).score).toBe(1);
    expect((await exactMatch()({ target: 24 }, 24, {})).score).toBe(1);
    expect((await exactMatch()({ target: 24 }, '24', {})).feedback).toMatch(
      /Expected 24; the output was "24"/,
    );
  });

  test('multipleChoice takes the last (X) letter for a letter target, exact text otherwise', async () => {
    expect(isMultipleChoiceCorrect('I pick (A), no wait, (C)', '(C)')).toBe(true);
    expect(isMultipleChoiceCorrect('(C) or maybe (A)', '(C)')).toBe(false);
    expect(isMultipleChoiceCorrect('False\n', 'False')).toBe(false);
    expect(isMultipleChoiceCorrect(24, '24')).toBe(false);
    const result = await multipleChoice()({ target: '(B)' }, 'the answer is (A)', {});
    expect(result).toEqual({ score: 0, feedback: expect.stringContaining('"(B)"') });
  });

  test('numericTarget scores the distance and gives text or a gradient', async () => {
    expect(await numericTarget()({ target: 5 }, 7, {})).toEqual({
      score: -2,
      feedback: expect.stringMatching(/above the target 5 by 2; decrease it/),
    });
    expect(await numericTarget({ feedback: 'gradient' })({ target: 5 }, 3, {})).toEqual({
      score: -2,
      feedback: -1,
    });
    expect(() => numericTarget()({ target: 5 }, 'seven', {})).toThrow(/needs a number output/);
  });

  test('llmJudge sends the rubric and checks the reply with zod', async () => {
    const model = new MockLLM({
      responses: ['{"score": 0.5, "feedback": "too long"}', '{"score": 7}'],
    });
    const judge = llmJudge({ model, rubric: 'One sentence.' });
    expect(await judge({ question: 'q' }, 'a b c', {})).toEqual({
      score: 0.5,
      feedback: 'too long',
    });
    expect(model.calls[0]?.messages[0]?.content).toMatch(/Rubric:\nOne sentence\./);
    await expect(judge({ question: 'q' }, 'x', {})).rejects.toThrow(/does not match the schema/);
  });
});
