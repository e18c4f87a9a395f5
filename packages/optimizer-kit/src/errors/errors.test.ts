import { describe, expect, test } from 'vitest';
import { InvalidOptionsError } from './invalid-options-error.js';
import { InvalidProposalError } from './invalid-proposal-error.js';
import { ModelCallError } from './model-call-error.js';
import { OptimizerError } from './optimizer-error.js';
import { StepInProgressError } from './step-in-progress-error.js';

describe('optimizer errors', () => {
  test('each has its code and name and is an OptimizerError', () => {
    const errors = [
      new InvalidOptionsError(['a']),
      new ModelCallError(1, new Error('x')),
      new StepInProgressError(),
    ];
    expect(errors.map((error) => [error.name, error.code])).toEqual([
      ['InvalidOptionsError', 'INVALID_OPTIONS'],
      ['ModelCallError', 'MODEL_CALL'],
      ['StepInProgressError', 'STEP_IN_PROGRESS'],
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(OptimizerError);
      expect(OptimizerError.isInstance(error)).toBe(true);
    }
  });

  test('isInstance tells the classes apart and ignores other errors', () => {
    const stepError = new StepInProgressError();
    expect(StepInProgressError.isInstance(stepError)).toBe(true);
    expect(ModelCallError.isInstance(stepError)).toBe(false);
    expect(InvalidOptionsError.isInstance(stepError)).toBe(false);
    expect(OptimizerError.isInstance(new Error('plain'))).toBe(false);
    expect(OptimizerError.isInstance(undefined)).toBe(false);
  });

  test('isInstance recognizes an error from another copy of the package by its marker', () => {
    const fromOtherCopy = Object.assign(new Error('copy'), {
      [Symbol.for('@trace/optimizer-kit.ModelCallError')]: true,
      [Symbol.for('@trace/optimizer-kit.OptimizerError')]: true,
    });
    expect(ModelCallError.isInstance(fromOtherCopy)).toBe(true);
    expect(OptimizerError.isInstance(fromOtherCopy)).toBe(true);
    expect(fromOtherCopy).not.toBeInstanceOf(ModelCallError);
  });

  test('InvalidOptionsError names the optimizer and lists every problem', () => {
    const error = new InvalidOptionsError(['options.a is wrong', 'options.b is wrong'], 'OPRO');
    expect(error.message).toBe('OPRO cannot start: options.a is wrong; options.b is wrong.');
    expect(error.problems).toEqual(['options.a is wrong', 'options.b is wrong']);
    expect(new InvalidOptionsError(['x']).message).toBe('The optimizer cannot start: x.');
  });

  test('ModelCallError keeps the cause and is retryable only when the cause is', () => {
    const transient = Object.assign(new Error('503'), { isRetryable: true });
    const retryable = new ModelCallError(3, transient);
    expect(retryable.cause).toBe(transient);
    expect(retryable.step).toBe(3);
    expect(retryable.isRetryable).toBe(true);
    expect(retryable.message).toBe(
      'Step 3 could not ask the model, so no parameter changed: 503. Call step() again later to retry it.',
    );
    const final = new ModelCallError(1, 'no key');
    expect(final.isRetryable).toBe(false);
    expect(final.message).toContain('no key. Check the model configuration');
  });

  test('a cause that ends its own sentence is not given a second period', () => {
    const dropped = Object.assign(
      new Error('Could not reach openai (ECONNRESET). The call is retryable.'),
      { isRetryable: true },
    );
    expect(new ModelCallError(2, dropped).message).toBe(
      'Step 2 could not ask the model, so no parameter changed: Could not reach openai (ECONNRESET). The call is retryable. Call step() again later to retry it.',
    );
    const endings = ['Bad key.', 'Bad key. ', 'Bad key...', 'Is the key set?', 'Quota exceeded!'];
    for (const ending of endings) {
      const message = new ModelCallError(1, new Error(ending)).message;
      expect(message).not.toMatch(/[!?]\s*\.|[^.]\.\s*\.[^.]/);
      expect(message).toContain(`${ending.trimEnd()} Check the model configuration`);
    }
  });

  test('problems that end with a period are listed without doubled punctuation', () => {
    const options = new InvalidOptionsError(['options.a is wrong.', 'options.b is wrong.'], 'Mine');
    expect(options.message).toBe('Mine cannot start: options.a is wrong; options.b is wrong.');
    expect(options.problems).toEqual(['options.a is wrong.', 'options.b is wrong.']);
    const proposal = new InvalidProposalError('it is stale.');
    expect(proposal.message).toBe('This proposal cannot be applied: it is stale. Nothing changed.');
  });
});
