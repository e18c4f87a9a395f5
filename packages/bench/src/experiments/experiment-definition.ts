import type { Node, Optimizer } from '@trace/core';
import type { LanguageModel } from '@trace/llm';
import type { UnitSave } from '../run/unit-checkpoint.js';
import type {
  MethodDefinition,
  MetricDefinition,
  PaperFigure,
  RunSize,
  UnitPlan,
} from './experiment.js';

/** What a unit of work gets from the harness. */
export interface UnitContext {
  /** The unit: method, task, seed. */
  readonly plan: UnitPlan;
  /** Steps (iterations) to run. */
  readonly steps: number;
  /** The run's size. */
  readonly size: RunSize;
  /** The model, for `llm` methods (the harness refuses to start them without one). */
  readonly model?: LanguageModel;
  /** Stops the unit between steps. */
  readonly signal?: AbortSignal;
  /** Which simulator traffic units use: the native one (default) or UXSim through the Python bridge. */
  readonly simulator: Simulator;
  /** Records the experiment's metric after `step` (0: before any update). */
  record(step: number, value: number, detail?: Readonly<Record<string, unknown>>): Promise<void>;
  /**
   * Saves what a resume needs once `step` is finished (its metric recorded, its update applied):
   * the parameters' values, the optimizer's state and the unit's own JSON `state`, in a checkpoint
   * of the unit's run directory. After `kill -9`, `--resume` continues with `step + 1`.
   */
  checkpoint(step: number, save: UnitSave): Promise<void>;
  /**
   * On a resumed unit, sets `parameters` and the optimizer's state to the last checkpoint and returns
   * its step and the saved `state`; on a fresh unit, changes nothing and returns undefined. Call it
   * once, after building the parameters and the optimizer and before the first step.
   */
  restore(
    parameters: readonly Node[],
    optimizer?: Optimizer,
  ): { readonly step: number; readonly state: unknown } | undefined;
}

/** The traffic simulator: `native` (TypeScript) or `uxsim` (UXSim 1.3.0 through the Python bridge). */
export type Simulator = 'native' | 'uxsim';

/** An experiment of the paper: its methods, units, protocol and the paper's figures. */
export interface ExperimentDefinition {
  /** The command-line name, e.g. `numerical`. */
  readonly name: string;
  /** A title for reports, e.g. `Numerical optimization`. */
  readonly title: string;
  /** Where it is in the paper, e.g. `Section 5.1, Appendix H.2`. */
  readonly paperSection: string;
  /** The metric per step. */
  readonly metric: MetricDefinition;
  /** Its methods, the paper's defaults first. */
  readonly methods: readonly MethodDefinition[];
  /** Steps per unit by size (the paper's protocol at `paper`). */
  readonly defaultSteps: Readonly<Record<RunSize, number>>;
  /** The paper's figures to compare with. */
  readonly paperFigures: readonly PaperFigure[];
  /** Protocol decisions where the paper is silent, one sentence each, for the report. */
  readonly notes: readonly string[];
  /** The units of one method at a size, with `seeds` seeds where the experiment uses seeds. */
  units(method: string, size: RunSize, seeds: number | undefined): UnitPlan[];
  /** Runs one unit, recording the metric at every step from 0 to `steps`. */
  runUnit(context: UnitContext): Promise<void>;
  /**
   * The graph of the first step of an LLM method (unit 0, before any update), for `trace-bench
   * tokens`. `model` answers any call the forward pass makes (BBH's workflow calls one).
   */
  firstStep(model: LanguageModel): Promise<FirstStep>;
}

/** The first step's output, its feedback and the parameters, ready for an optimizer's backward. */
export interface FirstStep {
  readonly parameters: readonly Node[];
  readonly output: Node;
  readonly feedback: string;
  /** Releases what the step opened (a Python process). */
  close?(): Promise<void>;
}
