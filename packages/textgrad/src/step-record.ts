import type { SuggestionStepRecord } from '@trace/optimizer-kit';

/** One model call of TextGrad's backward walk, as recorded. */
export interface BackwardCall {
  /** `gradient`: criticism of `input` through `node`; `summary`: the gradients of `node` merged. */
  readonly kind: 'gradient' | 'summary';
  /** The label of the node whose step (gradient) or whose gradients (summary) the call was about. */
  readonly node: string;
  /** The label of the input the gradient is for (gradient calls only). */
  readonly input?: string;
  /** The backward level the call ran in (0: the outputs). */
  readonly level: number;
  /** The criticism read from the reply (empty when the reply said nothing; see `problem`). */
  readonly gradient: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly latencyMs: number;
  readonly finishReason?: string;
  /** Why the reply was not used as it was (empty, cut at the token limit). */
  readonly problem?: string;
}

/**
 * TextGrad's step record: the kit's suggestion record of the update call (`prompt`, `attempts`,
 * `reasoning`, `applied`, ...), with `tokens` and `latencyMs` covering the whole step (backward
 * calls included), and what the backward walk did.
 */
export interface TextGradStepRecord extends SuggestionStepRecord {
  /** Model calls of the step: gradient and summary calls, plus the update call and its repairs. */
  readonly calls: number;
  /** Milliseconds of `latencyMs` spent planning the walk and writing prompts (model time excluded). */
  readonly promptMs: number;
  /** Cost in US dollars of all calls, or null when the model's price is unknown. */
  readonly costUsd: number | null;
  /** The backward walk: its levels and every gradient and summary call, in the order they started. */
  readonly backward: {
    readonly levels: number;
    readonly gradientCalls: number;
    readonly summaryCalls: number;
    readonly calls: readonly BackwardCall[];
  };
}
