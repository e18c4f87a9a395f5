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
  it('finds the prompt and reply under their usual names', () => {
    expect(recordTexts({ system: 's', prompt: 'p', reply: 'r' })).toEqual({
      system: 's',
      prompt: 'p',
      reply: 'r',
    });
    expect(recordTexts({ user: 'u', response: 'r' })).toEqual({
      system: undefined,
      prompt: 'u',
      reply: 'r',
    });
    expect(recordTexts({ messages: [{ role: 'user', content: 'hi' }] }).prompt).toBe('user:\nhi');
    expect(recordTexts(null)).toEqual({ system: undefined, prompt: undefined, reply: undefined });
    expect(recordTexts({ step: 1, updates: [] })).toEqual({
      system: undefined,
      prompt: undefined,
      reply: undefined,
    });
  });
});
