import { describe, expect, it } from 'vitest';
import { endSentence } from './end-sentence.js';

describe('endSentence', () => {
  it('adds a period only when the text does not end a sentence already', () => {
    expect(endSentence('ECONNRESET')).toBe('ECONNRESET.');
    expect(endSentence('Unexpected token.')).toBe('Unexpected token.');
    expect(endSentence('Try again?')).toBe('Try again?');
    expect(endSentence('cut…')).toBe('cut…');
    expect(endSentence('done. \n')).toBe('done.');
  });
});
