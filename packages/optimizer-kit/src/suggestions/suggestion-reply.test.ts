import { describe, expect, test } from 'vitest';
import { interpretReply, type ReplyShapeCheck } from './suggestion-reply.js';

/** A hand-written stand-in for the optimizers' zod schema. */
const check: ReplyShapeCheck = (value) => {
  const record = value as Record<string, unknown>;
  const suggestion = record.suggestion ?? {};
  if (typeof suggestion !== 'object' || suggestion === null || Array.isArray(suggestion)) {
    return { ok: false, problems: ['suggestion: expected an object'] };
  }
  if (record.noChange !== undefined && typeof record.noChange !== 'boolean') {
    return { ok: false, problems: ['noChange: expected a boolean'] };
  }
  return {
    ok: true,
    reply: {
      reasoning: String(record.reasoning ?? ''),
      noChange: record.noChange === true,
      suggestion: suggestion as Record<string, unknown>,
    },
  };
};

describe('interpretReply', () => {
  test('reads a fenced reply with prose around it', () => {
    const result = interpretReply(
      'Let me think.\n```json\n{"reasoning": "x0 is low", "suggestion": {"x0": 3}}\n```',
      check,
    );
    expect(result).toEqual({
      ok: true,
      reply: { reasoning: 'x0 is low', noChange: false, suggestion: { x0: 3 } },
      suggestionDuplicates: [],
    });
  });

  test('no change only through the explicit flag, never through words', () => {
    const words = interpretReply(
      '{"reasoning": "TERMINATE. No change needed? Actually yes.", "suggestion": {"x0": 1}}',
      check,
    );
    expect(words.ok && words.reply.noChange).toBe(false);
    const flag = interpretReply('{"reasoning": "fine", "noChange": true, "suggestion": {}}', check);
    expect(flag.ok && flag.reply.noChange).toBe(true);
  });

  test.each([
    ['', 'The reply is empty.'],
    ['   \n ', 'The reply is empty.'],
    ['I would raise x0.', 'The reply contains no JSON object.'],
    ['{"suggestion": {"x0": 1,}', 'The reply contains no valid JSON object'],
    ['{"reasoning": "r", "suggestion": {"x0": 5}', "Expected ',' or '}' after the value of"],
    [
      '{"variables": {"x0": 1}}',
      'neither a "suggestion" nor a "noChange" key (its keys: "variables")',
    ],
    ['{"suggestion": [1]}', 'does not have the expected form: suggestion: expected an object'],
    ['{"noChange": true, "suggestion": {"x0": 1}}', '"noChange" is true but "suggestion" has 1'],
    ['{"reasoning": "hmm", "suggestion": {}}', '"suggestion" is empty but "noChange" is not true'],
    ['{"suggestion": {"x0": 1}} {"suggestion": {"x0": 2}}', 'holds 2 different JSON answers'],
    ['{"suggestion": {"x0": 1}, "suggestion": {"x0": 2}}', 'The key "suggestion" appears 2 times'],
  ])('refuses %j', (text, problem) => {
    const result = interpretReply(text, check);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(problem);
  });

  test('the same answer twice is accepted', () => {
    const result = interpretReply('{"suggestion": {"x0": 1}}\n{"suggestion": {"x0": 1}}', check);
    expect(result.ok).toBe(true);
  });

  test('an example object in the prose does not hide the problem of the real answer', () => {
    const result = interpretReply('Format {"a": 1}. Answer: {"suggestion": "x0=2"}', check);
    expect(result).toEqual({
      ok: false,
      problem: 'The JSON object does not have the expected form: suggestion: expected an object.',
    });
  });

  test('refuses over-long replies unread', () => {
    const result = interpretReply(`{"suggestion": {"x0": "${'a'.repeat(50)}"}}`, check, {
      maxLength: 20,
    });
    expect(!result.ok && result.problem).toMatch(/over the limit of 20; it was not read/);
  });

  test('passes on keys repeated inside the suggestion', () => {
    const result = interpretReply('{"suggestion": {"x0": 1, "x0": 2}}', check);
    expect(result.ok && result.suggestionDuplicates).toEqual([
      { path: ['suggestion'], key: 'x0', values: [1, 2] },
    ]);
  });
});
