import { MockLLM } from '@trace/llm/test';
import { describe, expect, test } from 'vitest';
import { InvalidOptionsError } from './errors/invalid-options-error.js';
import { OptionProblems } from './option-problems.js';
import { resolveSuggestionOptions } from './suggestion-options.js';

describe('OptionProblems', () => {
  test('integer and text return the value, the fallback when undefined, or record a problem', () => {
    const problems = new OptionProblems('Mine');
    expect(problems.integer('a', 3, { fallback: 1, min: 0 })).toBe(3);
    expect(problems.integer('a', undefined, { fallback: 1, min: 0 })).toBe(1);
    expect(problems.text('goal', undefined, 'default goal')).toBe('default goal');
    expect(problems.text('goal', 'mine', 'default goal')).toBe('mine');
    expect(problems.list).toEqual([]);
    expect(() => problems.throwIfAny()).not.toThrow();

    expect(problems.integer('b', -1, { fallback: 1, min: 0 })).toBe(1);
    expect(problems.integer('c', 1.5, { fallback: 2, min: 1 })).toBe(2);
    expect(problems.text('goal', '  ', 'default goal')).toBe('default goal');
    expect(problems.list).toEqual([
      'options.b must be an integer >= 0, got -1',
      'options.c must be an integer >= 1, got 1.5',
      'options.goal must be a non-empty string',
    ]);
  });

  test('throwIfAny throws one error naming the optimizer with every problem', () => {
    const problems = new OptionProblems('Mine');
    problems.add('first');
    problems.add('second');
    let thrown: unknown;
    try {
      problems.throwIfAny();
    } catch (error) {
      thrown = error;
    }
    expect(InvalidOptionsError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidOptionsError).message).toBe('Mine cannot start: first; second.');
  });
});

describe('resolveSuggestionOptions', () => {
  test('fills in the defaults of the shared options', () => {
    const model = new MockLLM();
    const onStep = () => undefined;
    expect(resolveSuggestionOptions('Mine', { model, onStep })).toEqual({
      model,
      maxTokens: 4096,
      temperature: undefined,
      json: true,
      repairAttempts: 1,
      maxHistoryLength: 50_000,
      valueKinds: undefined,
      logPath: undefined,
      onStep,
      signal: undefined,
    });
  });

  test('adds what the optimizer reads of its own options', () => {
    const model = new MockLLM();
    const resolved = resolveSuggestionOptions(
      'Mine',
      { model, temperature: 0, json: false, rounds: 5 },
      (given, problems) => ({
        rounds: problems.integer('rounds', given.rounds, { fallback: 3, min: 1 }),
      }),
    );
    expect(resolved).toMatchObject({ model, temperature: 0, json: false, rounds: 5 });
  });

  test('one error lists every bad option, the shared ones first', () => {
    let thrown: unknown;
    try {
      resolveSuggestionOptions(
        'Mine',
        {
          model: {} as never,
          maxTokens: 0,
          repairAttempts: -1,
          temperature: Number.NaN,
          valueKinds: {} as never,
          rounds: 0,
        },
        (given, problems) => ({
          rounds: problems.integer('rounds', given.rounds, { fallback: 3, min: 1 }),
        }),
      );
    } catch (error) {
      thrown = error;
    }
    expect(InvalidOptionsError.isInstance(thrown)).toBe(true);
    expect((thrown as InvalidOptionsError).problems).toEqual([
      'options.model must be a LanguageModel (for example resolveModel() from @trace/llm, or MockLLM from @trace/llm/test)',
      'options.maxTokens must be an integer >= 1, got 0',
      'options.repairAttempts must be an integer >= 0, got -1',
      'options.temperature must be a number >= 0, got NaN',
      'options.valueKinds must be a Map from parameter node to kind',
      'options.rounds must be an integer >= 1, got 0',
    ]);
    expect((thrown as InvalidOptionsError).message).toMatch(/^Mine cannot start: options.model/);
  });

  test('missing options are reported as a missing model', () => {
    expect(() => resolveSuggestionOptions('Mine', undefined)).toThrow(
      /^Mine cannot start: options.model must be a LanguageModel/,
    );
  });
});
