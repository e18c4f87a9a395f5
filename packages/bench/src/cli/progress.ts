import type { UsageTotals } from '@trace/llm';
import { SingleBar } from 'cli-progress';
import type { UnitEvent } from '../run/run-experiment.js';

/** Shows the progress of a run: a live bar on a TTY, one plain line per unit otherwise. */
export interface RunProgress {
  unit(event: UnitEvent): void;
  stop(): void;
}

/** Options of {@link createRunProgress}. */
export interface RunProgressOptions {
  /** Where to write (stderr). */
  readonly stream: NodeJS.WriteStream;
  /** The usage so far, when a model is in use. */
  readonly usage?: () => UsageTotals;
}

/** Creates the progress display for a run of `total` units. */
export function createRunProgress(total: number, options: RunProgressOptions): RunProgress {
  const usageText = (): string => {
    const usage = options.usage?.();
    if (usage === undefined) return '';
    return ` | ${usage.inputTokens + usage.outputTokens} tokens, $${usage.costUsd.toFixed(4)}`;
  };
  if (options.stream.isTTY !== true) {
    return {
      unit: (event) =>
        options.stream.write(
          `[${event.done}/${event.total}] ${event.plan.method} ${event.plan.task} seed ${event.plan.seed}: ${event.outcome}${usageText()}\n`,
        ),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream: options.stream,
    format: 'units {bar} {value}/{total} | ETA {eta_formatted} | {last}{usage}',
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0, { last: '', usage: usageText() });
  return {
    unit: (event) =>
      bar.update(event.done, {
        last: `${event.plan.method} ${event.plan.task} seed ${event.plan.seed} ${event.outcome}`,
        usage: usageText(),
      }),
    stop: () => bar.stop(),
  };
}
