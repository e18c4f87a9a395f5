import { describe, expect, it } from 'vitest';
import { BbhError } from './bbh-error.js';
import { evaluateBbhWorkflow } from './evaluate-workflow.js';
import { BbhWorkflow } from './workflow.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const examples = Array.from({ length: 230 }, (_, index) => ({
  input: `question ${index}`,
  target: 'Yes',
}));

/** A scripted model that answers after a short varied delay and fails on call `failOn` (1-based). */
function failingModel(failOn: number) {
  const state = { calls: 0, callsWhenFailed: -1 };
  const model = async (prompt: string) => {
    state.calls += 1;
    const call = state.calls;
    await tick(1 + (prompt.length % 3));
    if (call === failOn) {
      state.callsWhenFailed = state.calls;
      throw new Error(`quota exceeded on call ${call}`);
    }
    return 'Answer: Yes';
  };
  return { model, state };
}

describe('evaluateBbhWorkflow stops on the first model failure', () => {
  for (const concurrency of [1, 4, 16]) {
    it(`starts no model call after MODEL_FAILED (concurrency ${concurrency})`, async () => {
      const { model, state } = failingModel(6);
      const workflow = new BbhWorkflow({ model, execution: 'trusted' });
      const error = await evaluateBbhWorkflow((question) => workflow.answer(question), examples, {
        concurrency,
      }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'MODEL_FAILED' });
      expect((error as Error).message).toMatch(/quota exceeded on call 6/);
      const atRejection = state.calls;
      // Only the calls already started when call 6 failed: none after it.
      expect(atRejection).toBe(state.callsWhenFailed);
      expect(atRejection).toBeLessThan(6 + 2 * concurrency);
      await tick(60);
      expect(state.calls).toBe(atRejection);
    });
  }

  it('tells the answers in flight to stop through their signal', async () => {
    const aborted: string[] = [];
    const error = await evaluateBbhWorkflow(
      async (question, signal) => {
        if (question === 'question 3') {
          await tick(1);
          throw new BbhError('MODEL_FAILED', 'down');
        }
        await new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted.push(question);
            resolve(undefined);
          });
        });
        return 'Yes';
      },
      examples,
      { concurrency: 4 },
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'MODEL_FAILED' });
    expect(aborted.sort()).toEqual(['question 0', 'question 1', 'question 2']);
  });

  it('runs 100 evaluations at once; one failing stops only itself', async () => {
    let calls = 0;
    const runs = Array.from({ length: 100 }, (_, run) =>
      evaluateBbhWorkflow(
        async (question) => {
          calls += 1;
          await tick(1);
          if (run === 42 && question === 'question 2') throw new BbhError('MODEL_FAILED', 'x');
          return 'Yes';
        },
        examples.slice(0, 10),
        { concurrency: 3 },
      ),
    );
    const settled = await Promise.allSettled(runs);
    expect(settled.filter((result) => result.status === 'rejected')).toHaveLength(1);
    expect(settled[42]?.status).toBe('rejected');
    expect(settled[0]).toMatchObject({ value: { correct: 10, total: 10 } });
    expect(calls).toBeLessThanOrEqual(99 * 10 + 5);
  });
});

describe('evaluateBbhWorkflow honours an AbortSignal', () => {
  it('asks nothing when the signal has already fired', async () => {
    const { model, state } = failingModel(0);
    const workflow = new BbhWorkflow({ model, execution: 'trusted' });
    const error = await evaluateBbhWorkflow((question) => workflow.answer(question), examples, {
      signal: AbortSignal.abort(new Error('user stop')),
    }).catch((caught: unknown) => caught);
    expect(BbhError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ABORTED', isRetryable: false });
    expect((error as BbhError).cause).toMatchObject({ message: 'user stop' });
    expect(state.calls).toBe(0);
  });

  it('rejects at once when aborted in the middle and starts no further call', async () => {
    const { model, state } = failingModel(0);
    const workflow = new BbhWorkflow({ model, execution: 'trusted' });
    const controller = new AbortController();
    const evaluation = evaluateBbhWorkflow((question) => workflow.answer(question), examples, {
      concurrency: 4,
      signal: controller.signal,
    });
    while (state.calls < 10) await tick(1);
    controller.abort();
    await expect(evaluation).rejects.toMatchObject({ code: 'ABORTED' });
    const atAbort = state.calls;
    await tick(40);
    expect(state.calls).toBe(atAbort);
    expect(atAbort).toBeLessThan(230);
  });

  it('refuses a signal that is not an AbortSignal', async () => {
    await expect(
      evaluateBbhWorkflow(async () => 'Yes', examples, { signal: {} as AbortSignal }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTIONS', message: /must be an AbortSignal/ });
  });
});
