import type { FeedbackEntry } from './feedback-entry.js';

/** The entries a prompt shows within its budget, and how many older ones it leaves out. */
export interface FittedEntries {
  /** The newest entries that fit, oldest first. */
  readonly shown: readonly FeedbackEntry[];
  /** How many older entries were left out. */
  readonly omitted: number;
}

/** Characters counted per entry for its title and headers (`[earlier attempt 12]`, `Variables:`...). */
export const entryOverhead = 48;

/**
 * The newest `entries` that fit in `budget` characters together (variables, feedback and
 * {@link entryOverhead} each), oldest first; older entries are left out first. With `keepNewest`, the newest entry is shown even when it
 * alone is over the budget (OPRO's current attempt).
 *
 * @example
 * const { shown, omitted } = fitEntries(history, 50_000, { keepNewest: true });
 * // say so in the prompt: `(${omitted} older attempts are left out ...)`
 */
export function fitEntries(
  entries: readonly FeedbackEntry[],
  budget: number,
  options: { readonly keepNewest?: boolean } = {},
): FittedEntries {
  let used = 0;
  let first = entries.length;
  while (first > 0) {
    const entry = entries[first - 1]!;
    const size = entry.variables.length + entry.feedback.length + entryOverhead;
    const mustKeep = options.keepNewest === true && first === entries.length;
    if (used + size > budget && !mustKeep) break;
    used += size;
    first -= 1;
  }
  return { shown: entries.slice(first), omitted: first };
}

/** The line a prompt shows when `omitted` older entries were left out (empty when none was). */
export function omittedEntriesNote(omitted: number, noun = 'attempt'): string {
  if (omitted === 0) return '';
  const what = omitted === 1 ? `The oldest ${noun} is` : `The ${omitted} oldest ${noun}s are`;
  return `(${what} left out to keep the prompt within its length budget.)`;
}
