import { type FeedbackEntry, fitEntries, omittedEntriesNote } from '@trace/optimizer-kit';

/** One tried set of values (`(type) name = value` per line) and the feedback it received. */
export type HistoryEntry = FeedbackEntry;

/** The system prompt: the task and the reply format. OPRO never sees the program. */
export const oproSystemPrompt = [
  'You search for better values of some variables. You see the values tried so far, oldest first, each with the feedback it received; the last one is the current set. You do not see the program that uses them. Propose new values that should earn better feedback than every earlier attempt, and do not propose values that were already tried.',
  [
    'Reply with exactly one JSON object and nothing else:',
    '{"reasoning": "<what the history shows, and why the new values should do better>", "noChange": false, "suggestion": {"<variable name>": <new value>}}',
    'Rules:',
    '- Keys of "suggestion" are the variable names used in the history. List only the variables you change.',
    "- Each new value has its variable's type: a JSON number for (number) and (integer), true or false for (boolean), a JSON string for (string), the complete source of one function as a JSON string for (code), a JSON array for (array), a JSON object for (record).",
    '- If the current values need no change, send "noChange": true and "suggestion": {}. Otherwise "noChange" is false.',
  ].join('\n'),
].join('\n\n');

/**
 * The user turn: instruction, constraints, and the history with the current attempt last. The
 * history shows at most `maxHistoryLength` characters of entries (the current attempt always);
 * older attempts are left out first, with a note saying how many.
 */
export function oproUserPrompt(
  objective: string,
  constraints: readonly string[],
  history: readonly HistoryEntry[],
  maxHistoryLength = Number.POSITIVE_INFINITY,
): string {
  const parts = [`#Instruction\n${objective.trim()}`];
  if (constraints.length > 0) parts.push(`#Constraints\n${constraints.join('\n')}`);
  const { shown, omitted } = fitEntries(history, maxHistoryLength, { keepNewest: true });
  const attempts = shown.map((entry, index) => {
    const number = omitted + index + 1;
    const title =
      index === shown.length - 1 ? `[attempt ${number}, current]` : `[attempt ${number}]`;
    return `${title}\nVariables:\n${entry.variables}\nFeedback:\n${entry.feedback}`;
  });
  const note = omittedEntriesNote(omitted);
  parts.push(`#History\n${note === '' ? '' : `${note}\n\n`}${attempts.join('\n\n')}`);
  return `${parts.join('\n\n')}\n\nYour JSON reply:`;
}
