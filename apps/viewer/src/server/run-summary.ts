import type { RunEvent, RunFinal, RunManifest } from '@trace/trainer';
import type {
  EvaluationEntry,
  RunDetail,
  RunStatus,
  RunSummary,
  StepIndexEntry,
} from '../common/api-types.js';

/** A run as the store holds it: its files, parsed. */
export interface LoadedRun {
  readonly id: string;
  readonly manifest: RunManifest;
  readonly events: readonly RunEvent[];
  readonly final: RunFinal | undefined;
  readonly truncatedTail: boolean;
}

/** The method a run is grouped under: its `method` label, else its optimizer's name. */
export function runMethod(manifest: RunManifest): string {
  return manifest.method ?? manifest.optimizer?.name ?? manifest.kind;
}

function status(final: RunFinal | undefined): RunStatus {
  if (final === undefined) return 'running';
  return (final as { status?: unknown }).status === 'failed' ? 'failed' : 'finished';
}

/** The runs-view row of a run. */
export function summarizeRun(run: LoadedRun): RunSummary {
  const { manifest, final, events } = run;
  let steps = 0;
  let costUsd = 0;
  let lastEvaluation: number | undefined;
  let bestEvaluation: number | undefined;
  let lastStep: number | undefined;
  for (const event of events) {
    if (event.type === 'step') {
      steps = Math.max(steps, event.step);
      costUsd = event.totalUsage.costUsd;
      lastStep = event.meanScore;
    } else if (event.type === 'evaluation') {
      lastEvaluation = event.mean;
      if (event.best) bestEvaluation = event.mean;
    }
  }
  if (final !== undefined) costUsd = final.usage.costUsd;
  const finalSteps = (final as { steps?: unknown } | undefined)?.steps;
  if (typeof finalSteps === 'number') steps = Math.max(steps, finalSteps);
  const best: [number | undefined, RunSummary['bestSource']] =
    final?.best != null
      ? [final.best.score, 'best']
      : bestEvaluation !== undefined
        ? [bestEvaluation, 'best']
        : lastEvaluation !== undefined
          ? [lastEvaluation, 'last evaluation']
          : lastStep !== undefined
            ? [lastStep, 'last step']
            : [undefined, undefined];
  const model = manifest.model;
  return {
    id: run.id,
    runId: manifest.runId,
    experiment: manifest.experiment,
    method: runMethod(manifest),
    task: manifest.task,
    seed: manifest.seed,
    model: model === undefined ? undefined : `${model.provider}:${model.modelId}`,
    status: status(final),
    reason: (final as { reason?: string } | undefined)?.reason,
    steps,
    costUsd,
    bestScore: best[0],
    bestSource: best[1],
    createdAt: manifest.createdAt,
  };
}

/** The run view's data: the summary, the documents, and an index of the steps. */
export function runDetail(run: LoadedRun): RunDetail {
  const steps: StepIndexEntry[] = [];
  const evaluations: EvaluationEntry[] = [];
  const notices: { type: string; step: number; text: string }[] = [];
  for (const event of run.events) {
    if (event.type === 'step') {
      steps.push({
        step: event.step,
        epoch: event.epoch,
        meanScore: event.meanScore,
        accepted: event.accepted,
        proposals: event.proposals.length,
        changes: event.changes.length,
        costUsd: event.usage.costUsd,
        durationMs: event.durationMs,
      });
    } else if (event.type === 'evaluation') {
      evaluations.push({
        step: event.step,
        split: event.split,
        mean: event.mean,
        standardError: event.standardError,
        best: event.best,
      });
    } else if (event.type === 'retry') {
      notices.push({
        type: 'retry',
        step: event.step,
        text: `attempt ${event.attempt}: ${event.error}`,
      });
    } else if (event.type === 'stop') {
      const message = (event as { message?: unknown }).message;
      notices.push({
        type: 'stop',
        step: event.step,
        text: `${event.reason}${typeof message === 'string' ? `: ${message}` : ''}`,
      });
    }
  }
  return {
    summary: summarizeRun(run),
    manifest: run.manifest as Record<string, unknown>,
    final: run.final as Record<string, unknown> | undefined,
    steps,
    evaluations,
    notices,
    eventCount: run.events.length,
    truncatedTail: run.truncatedTail,
  };
}
