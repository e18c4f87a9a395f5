import { z } from 'zod';

/** The run-directory format version this package writes and the newest it reads. */
export const runFormatVersion = 1;

const formatVersion = z.number().int().positive();
const isoTime = z.string().min(1);
const finiteOrNull = z.number().nullable();

/** Tokens and dollars, as totals or as one step's share. */
export const usageSchema = z.looseObject({
  calls: z.number().int().nonnegative(),
  inputTokens: z.number().nonnegative(),
  outputTokens: z.number().nonnegative(),
  costUsd: z.number().nonnegative(),
});
/** Tokens and dollars. */
export type Usage = z.infer<typeof usageSchema>;

/** A parameter's name and JSON value. */
export const parameterValueSchema = z.looseObject({ name: z.string(), value: z.unknown() });
/** A parameter's name and JSON value. */
export type ParameterValue = z.infer<typeof parameterValueSchema>;

/** `manifest.json`: what ran. Written once when the run starts; rewritten (same content) on resume. */
export const manifestSchema = z.looseObject({
  format: z.literal('trace-run'),
  formatVersion,
  runId: z.string().min(1),
  createdAt: isoTime,
  kind: z.enum(['train', 'evaluate']),
  /** Labels bench and the viewer group by. All optional. */
  experiment: z.string().optional(),
  method: z.string().optional(),
  task: z.string().optional(),
  seed: z.number().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  /** Versions of the @trace packages (and others) that ran, by package name. */
  packages: z.record(z.string(), z.string()),
  gitRevision: z.string().optional(),
  node: z.string(),
  model: z.looseObject({ provider: z.string(), modelId: z.string() }).optional(),
  optimizer: z.looseObject({ name: z.string() }).optional(),
  /** The trainer's options as JSON (functions and signals left out). */
  options: z.record(z.string(), z.unknown()),
  /** Every seed the run used, by purpose (e.g. `shuffle`). */
  seeds: z.record(z.string(), z.number()),
  datasets: z.looseObject({
    train: z.number().int().nonnegative(),
    validation: z.number().int().nonnegative().optional(),
  }),
  /** The parameters' initial values. */
  parameters: z.array(parameterValueSchema),
});
/** `manifest.json`. */
export type RunManifest = z.infer<typeof manifestSchema>;

/** One example's result inside a step or an evaluation. */
export const exampleRecordSchema = z.looseObject({
  /** The example's index in its dataset. */
  index: z.number().int().nonnegative(),
  score: z.number(),
  feedback: z.unknown(),
  /** The workflow's output (JSON-safe preview), when kept. */
  output: z.unknown().optional(),
  /** Error text when the workflow or the guide threw (the example then scores 0). */
  error: z.string().optional(),
  durationMs: z.number().nonnegative(),
});
/** One example's result. */
export type ExampleRecord = z.infer<typeof exampleRecordSchema>;

/** One proposal considered in a step (search makes several). */
export const proposalRecordSchema = z.looseObject({
  /** 0-based index among the step's proposals. */
  index: z.number().int().nonnegative(),
  /** The optimizer's step record (OptoPrime/OPRO: the prompt sent and the reply; SGD/Adam: updates). */
  record: z.unknown(),
  /** Its score where the search scored it (validation or minibatch mean). */
  score: finiteOrNull.optional(),
  accepted: z.boolean(),
  /** Why it was not accepted. */
  reason: z.string().optional(),
});
/** One proposal considered in a step. */
export type ProposalRecord = z.infer<typeof proposalRecordSchema>;

/**
 * The trace graph of a step, as Graphviz DOT: `nodes` in the traced graph, `collapsed` when the DOT
 * shows only the parameters, what they received and the outputs, `parameterIds` the DOT ids of the
 * parameter nodes; or `error` alone when it could not be drawn.
 */
export const stepGraphSchema = z.union([
  z.looseObject({
    dot: z.string(),
    nodes: z.number().int().nonnegative(),
    collapsed: z.boolean(),
    parameterIds: z.array(z.string()),
  }),
  z.looseObject({ error: z.string() }),
]);
/** The trace graph of a step. */
export type StepGraphRecord = z.infer<typeof stepGraphSchema>;

const eventBase = { seq: z.number().int().nonnegative(), time: isoTime };

/** A line of `events.jsonl`. */
export const runEventSchema = z.discriminatedUnion('type', [
  z.looseObject({
    ...eventBase,
    type: z.literal('run-start'),
    /** True when this start resumed from a checkpoint. */
    resumed: z.boolean(),
    /** The last completed step before this start (0 for a fresh run). */
    fromStep: z.number().int().nonnegative(),
  }),
  z.looseObject({
    ...eventBase,
    type: z.literal('step'),
    step: z.number().int().positive(),
    epoch: z.number().int().nonnegative(),
    examples: z.array(exampleRecordSchema),
    /** Mean score of the batch before the update. */
    meanScore: z.number(),
    proposals: z.array(proposalRecordSchema),
    /** Whether an update was applied (false: rejected, parameters rolled back). */
    accepted: z.boolean(),
    rejectedReason: z.string().optional(),
    /** Parameters whose value changed in this step, before and after. */
    changes: z.array(z.looseObject({ name: z.string(), before: z.unknown(), after: z.unknown() })),
    /** The trace graph the optimizer saw (absent in runs written before it was recorded). */
    graph: stepGraphSchema.optional(),
    /** What this step cost, and the run's totals after it. */
    usage: usageSchema,
    totalUsage: usageSchema,
    durationMs: z.number().nonnegative(),
  }),
  z.looseObject({
    ...eventBase,
    type: z.literal('evaluation'),
    /** The step after which it ran (0: before training). */
    step: z.number().int().nonnegative(),
    split: z.string(),
    mean: z.number(),
    standardError: z.number(),
    examples: z.array(exampleRecordSchema),
    /** True when this is the best validation so far (its parameters are kept). */
    best: z.boolean(),
    durationMs: z.number().nonnegative(),
  }),
  z.looseObject({
    ...eventBase,
    type: z.literal('retry'),
    step: z.number().int().positive(),
    attempt: z.number().int().positive(),
    error: z.string(),
  }),
  z.looseObject({
    ...eventBase,
    type: z.literal('stop'),
    step: z.number().int().nonnegative(),
    reason: z.enum(['completed', 'target', 'patience', 'budget', 'aborted', 'error']),
    message: z.string(),
  }),
]);
/** A line of `events.jsonl`. */
export type RunEvent = z.infer<typeof runEventSchema>;

/** Everything a resume needs besides the code: `checkpoints/step-NNNNNN.json`. */
export const checkpointSchema = z.looseObject({
  format: z.literal('trace-checkpoint'),
  formatVersion,
  runId: z.string().min(1),
  step: z.number().int().nonnegative(),
  time: isoTime,
  /** Bytes and lines of `events.jsonl` that this checkpoint covers; a resume cuts the file there. */
  eventsBytes: z.number().int().nonnegative(),
  eventsLines: z.number().int().nonnegative(),
  parameters: z.array(parameterValueSchema),
  optimizer: z.looseObject({ name: z.string(), state: z.unknown() }),
  trainer: z.looseObject({
    epoch: z.number().int().nonnegative(),
    /** Position in `order` of the next example. */
    cursor: z.number().int().nonnegative(),
    order: z.array(z.number().int().nonnegative()),
    /** The shuffling generator's state. */
    rng: z.number().int(),
    best: z
      .looseObject({
        score: z.number(),
        step: z.number().int().nonnegative(),
        parameters: z.array(parameterValueSchema),
      })
      .nullable(),
    /** Validation checks since the best one (for patience). */
    sinceBest: z.number().int().nonnegative(),
    /** The last accepted validation score (what `rejectWorse` compares with). */
    lastValidation: z.number().nullable(),
    /** The last step's batch mean (what `target` compares with when there is no validation set). */
    lastBatchMean: z.number().nullable().optional(),
    /** What the run's search keeps between steps (a candidate pool), when it has one. */
    search: z.unknown().optional(),
    usage: usageSchema,
    elapsedMs: z.number().nonnegative(),
  }),
});
/** A checkpoint file. */
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** `final.json`: how the run ended. A `budget` or `aborted` stop can be resumed. */
export const finalSchema = z.looseObject({
  format: z.literal('trace-final'),
  formatVersion,
  runId: z.string().min(1),
  time: isoTime,
  status: z.enum(['completed', 'stopped', 'failed']),
  reason: z.enum(['completed', 'target', 'patience', 'budget', 'aborted', 'error']),
  message: z.string(),
  resumable: z.boolean(),
  steps: z.number().int().nonnegative(),
  best: z.looseObject({ score: z.number(), step: z.number().int().nonnegative() }).nullable(),
  /** The parameters at the end (the best ones when kept and restored). */
  parameters: z.array(parameterValueSchema),
  usage: usageSchema,
  durationMs: z.number().nonnegative(),
});
/** `final.json`. */
export type RunFinal = z.infer<typeof finalSchema>;
