/** What a method needs before it can run. */
export type MethodNeed = 'model' | 'python';

/** One method of an experiment, e.g. `adam` or `trace`. */
export interface MethodDefinition {
  /** The name used on the command line, e.g. `trace-masked`. */
  readonly name: string;
  /** One line for `trace-bench list`. */
  readonly description: string;
  /** `baseline`: runs with no model; `llm`: an LLM optimizer. */
  readonly kind: 'baseline' | 'llm';
  /** What it needs (a model, Python packages). */
  readonly needs: readonly MethodNeed[];
}

/** A figure from the paper, to print beside ours. */
export interface PaperFigure {
  /** The method it belongs to. */
  readonly method: string;
  /** The step it was read at, or `final`: compared with our last step whatever the run's length. */
  readonly step: number | 'final';
  /** The value as read from the figure or table. */
  readonly value: number;
  /** Where in the paper, e.g. `Fig. 4 (left)`, `Table 1`. */
  readonly source: string;
  /** `read off a plot` or `printed`: how exact the figure is. */
  readonly precision: 'read off a plot' | 'printed';
}

/** The size of a run: the paper's protocol, or a small one for CI. */
export type RunSize = 'smoke' | 'paper';

/** One unit of work: a method on a task or problem with a seed. */
export interface UnitPlan {
  readonly method: string;
  /** The task or problem, e.g. `problem-07`, `boards`, `intersection`, `navigate`. */
  readonly task: string;
  readonly seed: number;
}

/** The metric an experiment reports per step. */
export interface MetricDefinition {
  /** e.g. `absolute error`. */
  readonly name: string;
  /** Whether lower values are better. */
  readonly lowerIsBetter: boolean;
  /** How it is computed, one sentence for the report. */
  readonly definition: string;
}
