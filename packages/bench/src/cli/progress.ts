import type { UsageTotals } from '@trace/llm';
import { SingleBar } from 'cli-progress';
import type { MetricDefinition } from '../experiments/experiment.js';
import { formatNumber } from '../report/format-number.js';
import type { ScoreEvent, UnitEvent } from '../run/run-experiment.js';

/** Shows the progress of a run: a live bar on a TTY, one plain line per unit otherwise. */
export interface RunProgress {
  /** A unit finished or was skipped. */
  unit(event: UnitEvent): void;
  /** A unit recorded its metric at a step. */
  score(event: ScoreEvent): void;
  stop(): void;
}

/** Options of {@link createRunProgress}. */
export interface RunProgressOptions {
  /** Where to write (stderr). */
  readonly stream: NodeJS.WriteStream;
  /** The usage so far, when a model is in use. */
  readonly usage?: () => UsageTotals;
  /** The experiment's metric, to name the scores. */
  readonly metric?: Pick<MetricDefinition, 'name' | 'lowerIsBetter'>;
  /** The methods, in the order to show their scores. */
  readonly methods?: readonly string[];
}

/**
 * Current scores per method: the mean over units of each unit's latest recorded metric, e.g.
 * `absolute error (lower is better): trace 1.23, adam 2.9`.
 */
export class CurrentScores {
  readonly #latest = new Map<string, Map<string, number>>();
  readonly #order: readonly string[];
  readonly #label: string;

  constructor(options: Pick<RunProgressOptions, 'metric' | 'methods'> = {}) {
    this.#order = options.methods ?? [];
    this.#label =
      options.metric === undefined
        ? 'scores'
        : `${options.metric.name} (${options.metric.lowerIsBetter ? 'lower' : 'higher'} is better)`;
  }

  /** Keeps `event` as its unit's latest score. */
  add(event: ScoreEvent): void {
    const { method, task, seed } = event.plan;
    let units = this.#latest.get(method);
    if (units === undefined) {
      units = new Map();
      this.#latest.set(method, units);
    }
    units.set(`${task}\u0000${seed}`, event.value);
  }

  /** The scores as one line part, or '' before any score. */
  text(): string {
    const methods = [
      ...this.#order.filter((method) => this.#latest.has(method)),
      ...[...this.#latest.keys()].filter((method) => !this.#order.includes(method)),
    ];
    if (methods.length === 0) return '';
    const parts = methods.map((method) => {
      const values = [...this.#latest.get(method)!.values()];
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      return `${method} ${formatNumber(mean)}`;
    });
    return `${this.#label}: ${parts.join(', ')}`;
  }
}

/** Creates the progress display for a run of `total` units. */
export function createRunProgress(total: number, options: RunProgressOptions): RunProgress {
  const scores = new CurrentScores(options);
  const usageText = (): string => {
    const usage = options.usage?.();
    if (usage === undefined) return '';
    return ` | ${usage.inputTokens + usage.outputTokens} tokens, $${usage.costUsd.toFixed(4)}`;
  };
  const scoresText = (): string => {
    const text = scores.text();
    return text === '' ? '' : ` | ${text}`;
  };
  if (options.stream.isTTY !== true) {
    return {
      unit: (event) =>
        options.stream.write(
          `[${event.done}/${event.total}] ${event.plan.method} ${event.plan.task} seed ${event.plan.seed}: ${event.outcome}${scoresText()}${usageText()}\n`,
        ),
      score: (event) => scores.add(event),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream: options.stream,
    format: 'units {bar} {value}/{total} | ETA {eta_formatted}{scores}{usage} | {last}',
    hideCursor: true,
    clearOnComplete: false,
  });
  let done = 0;
  let last = '';
  bar.start(total, 0, { last, usage: usageText(), scores: '' });
  return {
    unit: (event) => {
      done = event.done;
      last = `${event.plan.method} ${event.plan.task} seed ${event.plan.seed} ${event.outcome}`;
      bar.update(done, { last, usage: usageText(), scores: scoresText() });
    },
    score: (event) => {
      scores.add(event);
      bar.update(done, { last, usage: usageText(), scores: scoresText() });
    },
    stop: () => bar.stop(),
  };
}
