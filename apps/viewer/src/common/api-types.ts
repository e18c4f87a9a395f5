/** What the viewer's server (or a static page) hands the browser. Plain JSON, no classes. */

/** A run's status as the viewer shows it. */
export type RunStatus = 'running' | 'finished' | 'failed';

/** Tokens and dollars, as the run directory records them. */
export interface UsageView {
  readonly calls: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** One row of the runs view. */
export interface RunSummary {
  /** Opaque id: the run directory relative to the served folder (`/`-separated). */
  readonly id: string;
  readonly runId: string;
  readonly experiment: string | undefined;
  readonly method: string;
  readonly task: string | undefined;
  readonly seed: number | undefined;
  /** `provider:modelId`, or undefined when the run names none. */
  readonly model: string | undefined;
  readonly status: RunStatus;
  /** `final.json`'s reason when the run ended. */
  readonly reason: string | undefined;
  readonly steps: number;
  readonly costUsd: number;
  /** The best score the run recorded, and where it came from. */
  readonly bestScore: number | undefined;
  readonly bestSource: 'best' | 'last evaluation' | 'last step' | undefined;
  readonly createdAt: string;
  /** Why the run's files could not be read (the other fields are then what the manifest says). */
  readonly error?: string;
}

/** One line of a run's step list (the full step is fetched on demand). */
export interface StepIndexEntry {
  readonly step: number;
  readonly epoch: number;
  readonly meanScore: number;
  readonly accepted: boolean;
  readonly proposals: number;
  readonly changes: number;
  readonly costUsd: number;
  readonly durationMs: number;
}

/** One evaluation of a run. */
export interface EvaluationEntry {
  readonly step: number;
  readonly split: string;
  readonly mean: number;
  readonly standardError: number;
  readonly best: boolean;
}

/** Everything the run view shows except the steps' bodies. */
export interface RunDetail {
  readonly summary: RunSummary;
  readonly manifest: Record<string, unknown>;
  readonly final: Record<string, unknown> | undefined;
  readonly steps: readonly StepIndexEntry[];
  readonly evaluations: readonly EvaluationEntry[];
  /** Retries and the stop event, as recorded. */
  readonly notices: readonly {
    readonly type: string;
    readonly step: number;
    readonly text: string;
  }[];
  readonly eventCount: number;
  readonly truncatedTail: boolean;
}

/** A learning-curve chart: a Vega-Lite spec (from `@trace/bench`'s `learningCurveSpec`). */
export interface CurveChart {
  readonly experiment: string;
  readonly spec: unknown;
}

/** A whole viewer data set inlined into a static page. */
export interface StaticBundle {
  readonly title: string;
  readonly runs: readonly RunSummary[];
  readonly details: Readonly<Record<string, RunDetail>>;
  /** Step events by run id, then by step number. */
  readonly steps: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly curves: readonly CurveChart[];
}
