import { describe, expect, it } from 'vitest';
import { promptSections, recordTexts } from './prompt-sections.js';

describe('promptSections', () => {
  it('splits at heading lines, keeping text before the first heading', () => {
    expect(promptSections('Hello\n#Instruction\nDo it\n\n# Code\nx = 1\n#Feedback\n')).toEqual([
      { title: '(start)', body: 'Hello' },
      { title: 'Instruction', body: 'Do it' },
      { title: 'Code', body: 'x = 1' },
      { title: 'Feedback', body: '' },
    ]);
  });

  it('keeps a prompt without headings whole, and code comments that are not headings', () => {
    expect(promptSections('just text\n#!/bin/sh')).toEqual([
      { title: 'prompt', body: 'just text\n#!/bin/sh' },
    ]);
    expect(promptSections('#Code\n# add one\nx = x + 1').map((section) => section.title)).toEqual([
      'Code',
    ]);
    expect(promptSections('')).toEqual([{ title: 'prompt', body: '' }]);
  });
});

describe('recordTexts', () => {
  it("reads the suggestion optimizers' records: prompt { system, user } and every attempt's reply", () => {
    const record = {
      prompt: { system: 'sys', user: '#Code\nx' },
      attempts: [
        {
          reply: 'not json',
          problem: 'no JSON object',
          inputTokens: 1,
          outputTokens: 1,
          latencyMs: 1,
        },
        { reply: '{"suggestion": {}}', inputTokens: 1, outputTokens: 1, latencyMs: 1 },
      ],
    };
    expect(recordTexts(record)).toEqual({
      system: 'sys',
      prompt: '#Code\nx',
      replies: [
        { reply: 'not json', problem: 'no JSON object' },
        { reply: '{"suggestion": {}}', problem: undefined },
      ],
    });
  });

  it('finds plain prompt and reply names too, and nothing in other records', () => {
    expect(recordTexts({ system: 's', prompt: 'p', reply: 'r' })).toEqual({
      system: 's',
      prompt: 'p',
      replies: [{ reply: 'r', problem: undefined }],
    });
    expect(recordTexts({ user: 'u', response: 'r' }).prompt).toBe('u');
    expect(recordTexts({ messages: [{ role: 'user', content: 'hi' }] }).prompt).toBe('user:\nhi');
    expect(recordTexts(null)).toEqual({ system: undefined, prompt: undefined, replies: [] });
    expect(recordTexts({ step: 1, updates: [] })).toEqual({
      system: undefined,
      prompt: undefined,
      replies: [],
    });
  });
});
