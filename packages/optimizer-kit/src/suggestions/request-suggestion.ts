import type { DuplicateKey } from './json-reader.js';
import { truncateText } from './render-value.js';
import { interpretReply, type ReplyShapeCheck, type SuggestionReply } from './suggestion-reply.js';

/** One turn sent to the model. */
export interface ModelTurn {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** What the model sent back for one call. */
export interface ModelReply {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  /** Why generation stopped (`length` means the reply was cut at the token limit). */
  readonly finishReason?: string;
}

/** One call of the model within a step, as recorded. */
export interface SuggestionAttempt {
  /** The reply text. */
  readonly reply: string;
  /** Why the reply could not be used; absent when it was used. */
  readonly problem?: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  readonly finishReason?: string;
}

/** Options of {@link requestSuggestion}. */
export interface RequestSuggestionOptions {
  /** Sends a conversation to the model (the optimizer adapts its `LanguageModel`). */
  readonly send: (turns: readonly ModelTurn[]) => Promise<ModelReply>;
  /** The conversation to start with (usually one user turn holding the problem). */
  readonly turns: readonly ModelTurn[];
  /** Checks the shape of the reply's JSON object. */
  readonly check: ReplyShapeCheck;
  /** Times a reply that cannot be used is sent back with the problem shown (default 1). */
  readonly repairAttempts?: number;
  /** Longest reply read, in characters (default 200,000). */
  readonly maxReplyLength?: number;
}

/** The outcome of {@link requestSuggestion}; `attempts` lists every call made, in order. */
export type SuggestionRequest =
  | {
      readonly ok: true;
      readonly reply: SuggestionReply;
      readonly suggestionDuplicates: readonly DuplicateKey[];
      readonly attempts: readonly SuggestionAttempt[];
    }
  | {
      readonly ok: false;
      readonly kind: 'invalid-reply';
      readonly problem: string;
      readonly attempts: readonly SuggestionAttempt[];
    }
  | {
      readonly ok: false;
      readonly kind: 'model-error';
      readonly error: unknown;
      readonly attempts: readonly SuggestionAttempt[];
    };

const defaultMaxReplyLength = 200_000;
/** How much of an unusable reply is repeated back to the model when asking again. */
const repeatedReplyLimit = 4000;

/**
 * Asks the model and reads its reply with {@link interpretReply}. A reply that cannot be used is sent
 * back once (by default) with the problem stated, so the model can correct it. Never throws for a
 * bad reply or a failed call: the outcome and every attempt are returned for the step record.
 */
export async function requestSuggestion(
  options: RequestSuggestionOptions,
): Promise<SuggestionRequest> {
  const repairs = Math.max(0, Math.floor(options.repairAttempts ?? 1));
  const attempts: SuggestionAttempt[] = [];
  let turns = options.turns;
  let problem = '';
  for (let attempt = 0; attempt <= repairs; attempt += 1) {
    let reply: ModelReply;
    try {
      reply = await options.send(turns);
    } catch (error) {
      return { ok: false, kind: 'model-error', error, attempts };
    }
    const text = typeof reply.text === 'string' ? reply.text : '';
    const maxLength = options.maxReplyLength ?? defaultMaxReplyLength;
    const interpretation = interpretReply(text, options.check, { maxLength });
    const base = {
      // An enormous reply is kept cut in the record, so logs stay readable.
      reply: truncateText(text, maxLength),
      inputTokens: reply.inputTokens,
      outputTokens: reply.outputTokens,
      latencyMs: reply.latencyMs,
      ...(reply.finishReason === undefined ? {} : { finishReason: reply.finishReason }),
    };
    if (interpretation.ok) {
      attempts.push(base);
      return {
        ok: true,
        reply: interpretation.reply,
        suggestionDuplicates: interpretation.suggestionDuplicates,
        attempts,
      };
    }
    problem =
      reply.finishReason === 'length'
        ? `${interpretation.problem} The reply was cut off at the token limit; keep the reasoning shorter.`
        : interpretation.problem;
    attempts.push({ ...base, problem });
    turns = [
      ...options.turns,
      { role: 'assistant', content: truncateText(text, repeatedReplyLimit) || '(empty reply)' },
      {
        role: 'user',
        content: `That reply could not be used. ${problem}\nAnswer again with the JSON object only, in the form asked for above.`,
      },
    ];
  }
  return { ok: false, kind: 'invalid-reply', problem, attempts };
}
