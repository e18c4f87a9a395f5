export {
  type GaussianProcessOptions,
  gaussianProcessMinimize,
} from './baselines/gaussian-process-minimize.js';
export type { IntegerBox, SearchCall, SearchResult } from './baselines/integer-box.js';
export { type ParticleSwarmOptions, particleSwarmMinimize } from './baselines/particle-swarm.js';
export { BenchError, type BenchErrorCode } from './bench-error.js';
export {
  type CurvePoint,
  type LearningCurveOptions,
  learningCurveSpec,
} from './charts/learning-curve-spec.js';
export { pngHasContent } from './charts/png-check.js';
export { renderSvg, svgToPng } from './charts/render-chart.js';
export type {
  MethodDefinition,
  MethodNeed,
  MetricDefinition,
  PaperFigure,
  RunSize,
  UnitPlan,
} from './experiments/experiment.js';
export type {
  ExperimentDefinition,
  FirstStep,
  UnitContext,
} from './experiments/experiment-definition.js';
export { experiments, findExperiment } from './experiments/registry.js';
export { aggregateCurves, type MethodCurve } from './report/aggregate.js';
export { type BenchRun, loadBenchRun, type UnitSeries } from './report/load-bench-run.js';
export { type ReportFiles, writeReport } from './report/write-report.js';
export {
  type BenchManifest,
  benchManifestSchema,
  readBenchManifest,
  writeBenchManifest,
} from './run/bench-manifest.js';
export {
  type RunExperimentOptions,
  type RunExperimentResult,
  runExperiment,
  type ScoreEvent,
  type UnitEvent,
} from './run/run-experiment.js';
export { type RunBenchUnitOptions, runBenchUnit, type UnitOutcome } from './run/run-unit.js';
export type { UnitResumePoint, UnitSave } from './run/unit-checkpoint.js';
export {
  countFirstStepTokens,
  type TokenRow,
  tokenTable,
} from './tokens/count-first-step-tokens.js';
