import type { z } from 'zod';
import { TrainerError } from '../errors.js';
import { describeIssues } from '../run-directory/parse-run-file.js';

/**
 * Refuses an empty dataset, and (with `schema`) an example that does not fit it, naming the dataset,
 * the example's index and the problem, before any work starts.
 */
export function checkDataset(
  examples: readonly unknown[],
  name: string,
  schema: z.ZodType | undefined,
): void {
  if (!Array.isArray(examples)) {
    throw new TrainerError(
      'INVALID_OPTIONS',
      `The ${name} dataset must be an array of examples; got ${typeof examples}.`,
    );
  }
  if (examples.length === 0) {
    throw new TrainerError(
      'EMPTY_DATASET',
      `The ${name} dataset is empty; give it at least one example.`,
    );
  }
  if (schema === undefined) return;
  examples.forEach((example, index) => {
    const parsed = schema.safeParse(example);
    if (!parsed.success) {
      throw new TrainerError(
        'BAD_EXAMPLE',
        `${name} example ${index} does not fit the workflow (${describeIssues(parsed.error)}). Fix or drop it; nothing was run.`,
      );
    }
  });
}
