import { z } from 'zod';
import { isPlainRecord, type ReplyShapeCheck, stringifyJsonSafe } from './suggestions/index.js';

/**
 * The JSON object the suggestion optimizers (OptoPrime, OPRO) ask for. Only `suggestion` and
 * `noChange` carry meaning; `reasoning` and `answer` are recorded as text whatever their type.
 * `suggestion` is checked in place (not copied), so keys such as `__proto__` stay plain keys and are
 * reported as unknown variables.
 */
const replySchema = z.object({
  reasoning: z.unknown().optional(),
  answer: z.unknown().optional(),
  noChange: z.boolean().optional(),
  suggestion: z
    .custom<Record<string, unknown>>(isPlainRecord, {
      message: 'expected an object that maps variable names to new values',
    })
    .optional(),
});

/**
 * Checks a reply object with the zod schema, for `interpretReply` and `runSuggestionStep`: every
 * field is optional, `suggestion` must be a plain object, `noChange` a boolean.
 *
 * @example
 * checkReplyShape({ suggestion: { x0: 2 } }); // { ok: true, reply: { reasoning: '', noChange: false, suggestion: { x0: 2 } } }
 * checkReplyShape({ suggestion: [1] }); // { ok: false, problems: ['suggestion: expected an object ...'] }
 */
export const checkReplyShape: ReplyShapeCheck = (value) => {
  const parsed = replySchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(the object)'}: ${issue.message}`,
      ),
    };
  }
  const { reasoning, answer, noChange, suggestion } = parsed.data;
  return {
    ok: true,
    reply: {
      reasoning: asText(reasoning),
      ...(answer === undefined || answer === null ? {} : { answer: asText(answer) }),
      noChange: noChange === true,
      suggestion: suggestion ?? {},
    },
  };
};

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : stringifyJsonSafe(value);
}
