import { describe, expect, test } from 'vitest';
import type { ModelReply, ModelTurn } from './request-suggestion.js';
import { requestSuggestion } from './request-suggestion.js';
import type { ReplyShapeCheck } from './suggestion-reply.js';

const check: ReplyShapeCheck = (value) => {
  const suggestion = (value as { suggestion?: unknown }).suggestion;
  return typeof suggestion === 'object' && suggestion !== null && !Array.isArray(suggestion)
    ? {
        ok: true,
        reply: {
          reasoning: '',
          noChange: false,
          suggestion: suggestion as Record<string, unknown>,
        },
      }
    : { ok: false, problems: ['suggestion: expected an object'] };
};

function scripted(texts: (string | Error)[]) {
  const seen: (readonly ModelTurn[])[] = [];
  const send = async (turns: readonly ModelTurn[]): Promise<ModelReply> => {
    seen.push(turns);
    const next = texts[seen.length - 1];
    if (next === undefined) throw new Error('no more replies');
    if (next instanceof Error) throw next;
    return { text: next, inputTokens: 10, outputTokens: 5, latencyMs: 1, finishReason: 'stop' };
  };
  return { send, seen };
}

describe('requestSuggestion', () => {
  test('asks again once with the problem and the bad reply shown', async () => {
    const model = scripted(['not json', '{"suggestion": {"x0": 2}}']);
    const turns = [{ role: 'user' as const, content: 'problem' }];
    const result = await requestSuggestion({ send: model.send, turns, check });
    expect(result.ok).toBe(true);
    expect(result.attempts).toHaveLength(2);
    expect(result.attempts[0]?.problem).toBe('The reply contains no JSON object.');
    expect(result.attempts[1]?.problem).toBeUndefined();
    expect(model.seen[1]).toEqual([
      { role: 'user', content: 'problem' },
      { role: 'assistant', content: 'not json' },
      {
        role: 'user',
        content:
          'That reply could not be used. The reply contains no JSON object.\nAnswer again with the JSON object only, in the form asked for above.',
      },
    ]);
  });

  test('gives up after the repair attempts and reports every attempt', async () => {
    const model = scripted(['', 'still nothing', 'never asked']);
    const result = await requestSuggestion({
      send: model.send,
      turns: [{ role: 'user', content: 'p' }],
      check,
    });
    expect(result).toMatchObject({
      ok: false,
      kind: 'invalid-reply',
      problem: 'The reply contains no JSON object.',
    });
    expect(result.attempts.map((attempt) => attempt.problem)).toEqual([
      'The reply is empty.',
      'The reply contains no JSON object.',
    ]);
    expect(model.seen).toHaveLength(2);
  });

  test('zero repair attempts means one call', async () => {
    const model = scripted(['nope', '{"suggestion": {"x0": 1}}']);
    const result = await requestSuggestion({
      send: model.send,
      turns: [{ role: 'user', content: 'p' }],
      check,
      repairAttempts: 0,
    });
    expect(result.ok).toBe(false);
    expect(model.seen).toHaveLength(1);
  });

  test('a failed call is returned with the attempts made before it', async () => {
    const failure = new Error('rate limited');
    const model = scripted(['nope', failure]);
    const result = await requestSuggestion({
      send: model.send,
      turns: [{ role: 'user', content: 'p' }],
      check,
    });
    expect(result).toMatchObject({ ok: false, kind: 'model-error', error: failure });
    expect(result.attempts).toHaveLength(1);
  });

  test('a reply cut at the token limit says so', async () => {
    const send = async (): Promise<ModelReply> => ({
      text: '{"suggestion": {"x0": ',
      inputTokens: 1,
      outputTokens: 1,
      latencyMs: 0,
      finishReason: 'length',
    });
    const result = await requestSuggestion({
      send,
      turns: [{ role: 'user', content: 'p' }],
      check,
      repairAttempts: 0,
    });
    expect(!result.ok && result.kind === 'invalid-reply' && result.problem).toMatch(
      /cut off at the token limit/,
    );
  });
});
