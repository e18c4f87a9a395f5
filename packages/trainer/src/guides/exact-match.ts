import { describeValue, type Guide, type Targeted } from './guide.js';

/** Options of {@link exactMatch}. */
export interface ExactMatchOptions {
  /** Applied to strings on both sides before comparing (default: none, so the match is exact). */
  readonly normalize?: (text: string) => string;
}

/**
 * Scores 1 when the output equals the example's `target` (strings compared exactly, or after
 * `normalize`; other values by their JSON), else 0 with feedback quoting both.
 *
 * @example
 * const guide = exactMatch({ normalize: (text) => text.trim().toLowerCase() });
 */
export function exactMatch<Target = unknown>(
  options: ExactMatchOptions = {},
): Guide<Targeted<Target>, unknown> {
  const normalize = options.normalize ?? ((text: string) => text);
  const canonical = (value: unknown) =>
    typeof value === 'string' ? `text:${normalize(value)}` : `json:${describeValue(value)}`;
  return (example, output) =>
    canonical(output) === canonical(example.target)
      ? { score: 1, feedback: 'Correct.' }
      : {
          score: 0,
          feedback: `Wrong. Expected ${describeValue(example.target)}; the output was ${describeValue(output)}.`,
        };
}
