import cliProgress from 'cli-progress';
import type { RunEvent } from '../run-directory/schemas.js';

/** How a run reports progress: `auto` picks `tty` on a terminal and `plain` elsewhere. */
export type ProgressMode = 'auto' | 'tty' | 'plain' | 'silent';

/** Shows a run's events as progress: a live line (cli-progress) on a TTY, or plain lines. */
export interface ProgressReporter {
  /** Shows one event. */
  update(event: RunEvent): void;
  /** Ends the live line. */
  stop(): void;
}

const format = (value: number | undefined) =>
  value === undefined || !Number.isFinite(value) ? '-' : Number(value.toPrecision(4)).toString();

/**
 * Creates a progress reporter for a run of `totalSteps` steps writing to `stream`.
 *
 * @example
 * const progress = createProgressReporter('auto', 100, process.stderr);
 */
export function createProgressReporter(
  mode: ProgressMode,
  totalSteps: number,
  stream: NodeJS.WriteStream,
): ProgressReporter {
  const resolved = mode === 'auto' ? (stream.isTTY ? 'tty' : 'plain') : mode;
  if (resolved === 'silent') return { update() {}, stop() {} };
  let best: number | undefined;
  let current: number | undefined;
  let tokens = 0;
  let dollars = 0;
  const note = (event: RunEvent) => {
    if (event.type === 'step') {
      current = event.meanScore;
      tokens = event.totalUsage.inputTokens + event.totalUsage.outputTokens;
      dollars = event.totalUsage.costUsd;
    }
    if (event.type === 'evaluation') {
      current = event.mean;
      if (event.best) best = event.mean;
    }
  };
  if (resolved === 'plain') {
    return {
      update(event) {
        note(event);
        if (event.type === 'step') {
          stream.write(
            `step ${event.step}/${totalSteps} batch ${format(event.meanScore)} ${event.accepted ? 'accepted' : `rejected (${event.rejectedReason ?? ''})`} tokens ${tokens} $${dollars.toFixed(4)}\n`,
          );
        } else if (event.type === 'evaluation') {
          stream.write(
            `evaluation after step ${event.step}: ${format(event.mean)} ± ${format(event.standardError)}${event.best ? ' (best)' : ''}\n`,
          );
        } else if (event.type === 'retry') {
          stream.write(
            `step ${event.step}: forward failed, retry ${event.attempt}: ${event.error}\n`,
          );
        } else if (event.type === 'stop') {
          stream.write(`stopped after step ${event.step} (${event.reason}): ${event.message}\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        'step {value}/{total} [{bar}] best {best} current {current} | {tokens} tokens {dollars} USD | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalSteps, 0, { best: '-', current: '-', tokens: 0, dollars: '0.0000' });
  return {
    update(event) {
      note(event);
      const payload = {
        best: format(best),
        current: format(current),
        tokens,
        dollars: dollars.toFixed(4),
      };
      if (event.type === 'step') bar.update(event.step, payload);
      else if (event.type === 'run-start') bar.update(event.fromStep, payload);
      else bar.update(payload);
    },
    stop() {
      bar.stop();
    },
  };
}
