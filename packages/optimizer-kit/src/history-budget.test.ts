import { describe, expect, test } from 'vitest';
import { fitEntries, omittedEntriesNote } from './history-budget.js';

const entry = (text: string) => ({ variables: text, feedback: text });

describe('fitEntries', () => {
  const entries = ['aa', 'bbb', 'cccc'].map(entry); // sizes 52, 54, 56 with the overhead

  test('keeps the newest entries that fit, oldest first, and counts the rest', () => {
    expect(fitEntries(entries, 1000)).toEqual({ shown: entries, omitted: 0 });
    expect(fitEntries(entries, 110)).toEqual({ shown: entries.slice(1), omitted: 1 });
    expect(fitEntries(entries, 109)).toEqual({ shown: entries.slice(2), omitted: 2 });
    expect(fitEntries(entries, 55)).toEqual({ shown: [], omitted: 3 });
    expect(fitEntries([], 55)).toEqual({ shown: [], omitted: 0 });
  });

  test('keepNewest shows the newest entry even when it alone is over the budget', () => {
    expect(fitEntries(entries, 1, { keepNewest: true })).toEqual({
      shown: entries.slice(2),
      omitted: 2,
    });
  });

  test('the note says how many were left out', () => {
    expect(omittedEntriesNote(0)).toBe('');
    expect(omittedEntriesNote(1)).toBe(
      '(The oldest attempt is left out to keep the prompt within its length budget.)',
    );
    expect(omittedEntriesNote(3, 'earlier attempt')).toBe(
      '(The 3 oldest earlier attempts are left out to keep the prompt within its length budget.)',
    );
  });
});
