import { completeJson, type LanguageModel } from '@trace/llm';
import { z } from 'zod';
import { describeValue, type Guide } from './guide.js';

/** The judge's reply, checked with zod. */
export const judgeReplySchema = z.object({
  score: z.number().min(0).max(1),
  feedback: z.string().min(1),
});

/** Options of {@link llmJudge}. */
export interface LlmJudgeOptions<Example> {
  /** The model that judges. */
  readonly model: LanguageModel;
  /** What a good output is, in words. */
  readonly rubric: string;
  /** How to show the example to the judge (default: its JSON). */
  readonly describeExample?: (example: Example) => string;
  /** Upper bound on the judge's reply tokens (default 400). */
  readonly maxTokens?: number;
}

/**
 * A guide that asks a model to grade the output against a rubric. The reply must be the JSON object
 * `{ "score": number in [0, 1], "feedback": string }`; it is checked with zod, and a reply that does
 * not match throws (the example is then recorded as failed with the model's text in the error).
 *
 * @example
 * const guide = llmJudge({ model, rubric: 'A polite answer in one sentence that answers the question.' });
 */
export function llmJudge<Example>(options: LlmJudgeOptions<Example>): Guide<Example, unknown> {
  const show = options.describeExample ?? describeValue;
  return async (example, output, context) => {
    const { value } = await completeJson(
      options.model,
      {
        system:
          'You grade the output of a program against a rubric. Reply with one JSON object: {"score": a number from 0 (fails the rubric) to 1 (meets it fully), "feedback": "what is wrong and how to improve it, or why it is right"}.',
        messages: [
          {
            role: 'user',
            content: `Rubric:\n${options.rubric}\n\nInput:\n${show(example)}\n\nOutput:\n${describeValue(output)}`,
          },
        ],
        maxTokens: options.maxTokens ?? 400,
        temperature: 0,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
      },
      judgeReplySchema,
    );
    return value;
  };
}
