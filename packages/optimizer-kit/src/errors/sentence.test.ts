import { describe, expect, test } from 'vitest';
import { asClause, endSentence } from './sentence.js';

describe('endSentence', () => {
  test('adds a period only when the text does not end a sentence already', () => {
    expect(endSentence('HTTP 503')).toBe('HTTP 503.');
    expect(endSentence('The call is retryable.')).toBe('The call is retryable.');
    expect(endSentence('Is the key set?')).toBe('Is the key set?');
    expect(endSentence('Quota exceeded!')).toBe('Quota exceeded!');
    expect(endSentence('cut…')).toBe('cut…');
    expect(endSentence('wait...')).toBe('wait...');
  });

  test('drops trailing spaces and newlines, and keeps inner text and Unicode as they are', () => {
    expect(endSentence('done.  \n')).toBe('done.');
    expect(endSentence('naïve 😀 ')).toBe('naïve 😀.');
    expect(endSentence('a. b')).toBe('a. b.');
    expect(endSentence('')).toBe('.');
  });
});

describe('asClause', () => {
  test('removes trailing periods and spaces only', () => {
    expect(asClause('options.a is wrong.')).toBe('options.a is wrong');
    expect(asClause('options.a is wrong... \n')).toBe('options.a is wrong');
    expect(asClause('why?')).toBe('why?');
    expect(asClause('x = 1.5')).toBe('x = 1.5');
  });
});
