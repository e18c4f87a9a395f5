import { describeValue, type Guide, type Targeted } from './guide.js';

const letterPattern = /\([A-Z]\)/g;

/**
 * Whether `output` answers `target` under the Big-Bench Hard rule: for a target such as `(B)` the
 * last `(X)` letter in the output must be it (`"... so the answer is (B)."` is right); any other
 * target must equal the output exactly (no trimming, no case folding). Non-strings are wrong.
 */
export function isMultipleChoiceCorrect(output: unknown, target: string): boolean {
  if (typeof output !== 'string') return false;
  const wanted = target.trim();
  if (/^\([A-Z]\)$/.test(wanted)) {
    const letters = output.match(letterPattern);
    return letters !== null && letters[letters.length - 1] === wanted;
  }
  return output === target;
}

/**
 * The Big-Bench Hard scoring rule as a guide ({@link isMultipleChoiceCorrect}): 1 or 0, with
 * feedback quoting the expected answer.
 *
 * @example
 * const guide = multipleChoice();
 * await guide({ target: '(C)' }, 'I pick (A), no wait, (C)', {}); // { score: 1, ... }
 */
export function multipleChoice(): Guide<Targeted<string>, unknown> {
  return (example, output) =>
    isMultipleChoiceCorrect(output, example.target)
      ? { score: 1, feedback: 'Correct.' }
      : {
          score: 0,
          feedback: `Wrong. The expected answer is ${JSON.stringify(example.target)}; the workflow answered ${describeValue(output)}.`,
        };
}
