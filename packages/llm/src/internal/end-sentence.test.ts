import { describe, expect, it } from 'vitest';
import { endSentence } from './end-sentence.js';

describe('endSentence', () => {
  it('adds a period only when the text does not end a sentence already', () => {
    expect(endSentence('ECONNRESET')).toBe('ECONNRESET.');
    expect(endSentence('It does not exist.')).toBe('It does not exist.');
    expect(endSentence('Try again?')).toBe('Try again?');
    expect(endSentence('Stop!')).toBe('Stop!');
    expect(endSentence('cut…')).toBe('cut…');
  });

  it('drops trailing whitespace and keeps the rest as it is', () => {
    expect(endSentence('done. \n')).toBe('done.');
    expect(endSentence("EACCES: permission denied, open '/a.b'")).toBe(
      "EACCES: permission denied, open '/a.b'.",
    );
    expect(endSentence('')).toBe('.');
  });
});
