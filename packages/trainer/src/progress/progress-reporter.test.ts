import { describe, expect, test } from 'vitest';
import type { RunEvent } from '../run-directory/schemas.js';
import { createProgressReporter } from './progress-reporter.js';

function fakeStream(isTTY: boolean) {
  const stream = {
    isTTY,
    columns: 200,
    text: '',
    write(chunk: string) {
      stream.text += chunk;
      return true;
    },
    cursorTo() {
      return true;
    },
    clearLine() {
      return true;
    },
    moveCursor() {
      return true;
    },
    on() {
      return stream;
    },
    removeListener() {
      return stream;
    },
  };
  return stream;
}

const usage = { calls: 3, inputTokens: 1000, outputTokens: 234, costUsd: 0.0123 };
const step: RunEvent = {
  seq: 1,
  time: 't',
  type: 'step',
  step: 1,
  epoch: 0,
  examples: [],
  meanScore: 0.5,
  proposals: [],
  accepted: true,
  changes: [],
  usage,
  totalUsage: usage,
  durationMs: 1,
};
const evaluation: RunEvent = {
  seq: 2,
  time: 't',
  type: 'evaluation',
  step: 1,
  split: 'validation',
  mean: 0.75,
  standardError: 0.1,
  examples: [],
  best: true,
  durationMs: 1,
};

describe('progress', () => {
  test('a live line on a TTY shows step, best and current score, tokens, dollars and ETA', () => {
    const stream = fakeStream(true);
    const progress = createProgressReporter('auto', 4, stream as unknown as NodeJS.WriteStream);
    progress.update(step);
    progress.update(evaluation);
    progress.stop();
    expect(stream.text).toMatch(
      /step 1\/4 .* best 0\.75 current 0\.75 \| 1234 tokens 0\.0123 USD \| ETA/,
    );
  });

  test('plain lines when not a TTY, nothing when silent', () => {
    const plain = fakeStream(false);
    const reporter = createProgressReporter('auto', 4, plain as unknown as NodeJS.WriteStream);
    reporter.update(step);
    reporter.update(evaluation);
    expect(plain.text).toBe(
      'step 1/4 batch 0.5 accepted tokens 1234 $0.0123\nevaluation after step 1: 0.75 ± 0.1 (best)\n',
    );
    const silent = fakeStream(true);
    const quiet = createProgressReporter('silent', 4, silent as unknown as NodeJS.WriteStream);
    quiet.update(step);
    quiet.stop();
    expect(silent.text).toBe('');
  });
});
