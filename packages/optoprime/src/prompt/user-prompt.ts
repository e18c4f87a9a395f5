import { type FeedbackEntry, fitEntries, omittedEntriesNote } from '@trace/optimizer-kit';

/**
 * One remembered step: the variables as they were (its #Variables section) and the feedback they
 * received (its #Feedback section).
 */
export type MemoryEntry = FeedbackEntry;

/**
 * The user turn: earlier (variables, feedback) pairs when memory is on, oldest first, then the
 * current report. At most `maxHistoryLength` characters of pairs are shown; the oldest are left out
 * first, with a note saying how many.
 */
export function userPrompt(
  report: string,
  memory: readonly MemoryEntry[],
  maxHistoryLength = Number.POSITIVE_INFINITY,
): string {
  if (memory.length === 0) return `${report}\n\nYour JSON reply:`;
  const { shown, omitted } = fitEntries(memory, maxHistoryLength);
  const note = omittedEntriesNote(omitted, 'earlier attempt');
  const parts = [
    `#History\nEarlier values of the variables and the feedback they received, oldest first. Use them to avoid repeating what did not work.${note === '' ? '' : ` ${note}`}`,
    ...shown.map(
      (entry, index) =>
        `[earlier attempt ${omitted + index + 1}]\nVariables:\n${entry.variables}\nFeedback:\n${entry.feedback}`,
    ),
    report,
    'Your JSON reply:',
  ];
  return parts.join('\n\n');
}
