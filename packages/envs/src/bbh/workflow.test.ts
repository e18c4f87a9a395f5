import { backward, isMessageNode, type Node, type Optimizer } from '@trace/core';
import { describe, expect, it } from 'vitest';
import { BbhError } from './bbh-error.js';
import { bundledBbhDataDirectory } from './bundled-data.js';
import { evaluateBbhWorkflow } from './evaluate-workflow.js';
import { loadBbhTask } from './load-task.js';
import { runBbhExample } from './run-example.js';
import { splitBbhExamples } from './splits.js';
import { BBH_CHAIN_OF_THOUGHT_TEMPLATE, BBH_PROMPT_TEMPLATE } from './templates.js';
import { trainBbhWorkflow } from './train-workflow.js';
import { BbhWorkflow } from './workflow.js';

const dataDirectory = bundledBbhDataDirectory();

/** A scripted model: answers from a function of the prompt and records every prompt. */
function scriptedModel(reply: (prompt: string) => string) {
  const prompts: string[] = [];
  const model = async (prompt: string) => {
    prompts.push(prompt);
    return reply(prompt);
  };
  return { model, prompts };
}

function operatorNames(output: Node): string[] {
  const seen = new Set<Node>();
  const names: string[] = [];
  const visit = (current: Node) => {
    if (seen.has(current)) return;
    seen.add(current);
    if (isMessageNode(current)) names.push(current.operator.name);
    for (const parent of current.parents) visit(parent);
  };
  visit(output);
  return names.sort();
}

describe('BbhWorkflow', () => {
  it('fills the template, calls the model once and extracts the answer, all traced', async () => {
    const { model, prompts } = scriptedModel(() => 'The sum is 12.\nAnswer: 12 ');
    const workflow = new BbhWorkflow({ model });
    const answer = await workflow.forward('What is 5 + 7?');
    expect(answer.data).toBe('12');
    expect(prompts).toEqual([BBH_PROMPT_TEMPLATE.replace('{question}', 'What is 5 + 7?')]);
    expect(operatorNames(answer)).toEqual(['callModel', 'createPrompt', 'extractAnswer']);
    expect(workflow.parameters()).toHaveLength(3);
    expect([...workflow.namedParameters().keys()].sort()).toEqual([
      'createPrompt.__code',
      'extractAnswer.__code',
      'promptTemplate',
    ]);
    const result = answer.backward('Wrong. The expected answer is "13".');
    expect(new Set(result.parameters)).toEqual(new Set(workflow.parameters()));
  });

  it('starts the chain-of-thought variant from a template with a reasoning line', async () => {
    const { model, prompts } = scriptedModel(() => 'Answer: (A)');
    const workflow = new BbhWorkflow({ model, chainOfThought: true });
    expect(workflow.promptTemplate.data).toBe(BBH_CHAIN_OF_THOUGHT_TEMPLATE);
    expect(BBH_CHAIN_OF_THOUGHT_TEMPLATE).toMatch(/^Reasoning: .*step by step/m);
    expect(BBH_PROMPT_TEMPLATE).not.toMatch(/step by step/);
    await workflow.answer('Q?');
    expect(prompts[0]).toContain('Question: Q?\nReasoning:');
  });

  it('runs updated template and code (as an optimizer update would)', async () => {
    const { model, prompts } = scriptedModel((prompt) =>
      prompt.startsWith('Be brief.') ? 'I pick (A)... no, (C).' : 'Answer: (A)',
    );
    const workflow = new BbhWorkflow({ model });
    workflow.promptTemplate.data = 'Be brief. {question}';
    workflow.extractAnswer.parameter!.data =
      'function extractAnswer(response) { const all = response.match(/\\([A-Z]\\)/g); return all ? all[all.length - 1] : response; }';
    expect(await workflow.answer('Which?')).toBe('(C)');
    expect(prompts).toEqual(['Be brief. Which?']);
  });

  it('turns a failure of the trainable code into an exception node with feedback', async () => {
    const { model } = scriptedModel(() => 'no marker here');
    const workflow = new BbhWorkflow({
      model,
      extractAnswer: (response: string) => (response.match(/Answer: (.*)/) as RegExpMatchArray)[1],
    });
    const run = await runBbhExample(workflow, { input: 'Q', target: 'Yes' });
    expect(run.correct).toBe(false);
    expect(run.output.name).toMatch(/^exception_extractAnswer/);
    expect(run.feedback).toMatch(/Error in operator 'extractAnswer'/);
    const result = run.output.backward(run.feedback);
    expect(result.parameters).toContain(workflow.extractAnswer.parameter);
  });

  it('gives correct and wrong feedback through runBbhExample', async () => {
    const { model } = scriptedModel(() => 'Answer: Yes');
    const workflow = new BbhWorkflow({ model });
    expect(await runBbhExample(workflow, { input: 'Q', target: 'Yes' })).toMatchObject({
      correct: true,
      prediction: 'Yes',
      feedback: 'Correct.',
    });
    const wrong = await runBbhExample(workflow, { input: 'Q', target: 'No' });
    expect(wrong.feedback).toBe('Wrong. The expected answer is "No"; the workflow answered "Yes".');
  });

  it('propagates model failures as retryable MODEL_FAILED errors, never as feedback', async () => {
    const workflow = new BbhWorkflow({
      model: async () => {
        throw new Error('rate limited');
      },
    });
    const error = await runBbhExample(workflow, { input: 'Q', target: 'Yes' }).catch(
      (caught: unknown) => caught,
    );
    expect(BbhError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'MODEL_FAILED', isRetryable: true });
    expect((error as Error).message).toMatch(/rate limited/);
    await expect(
      evaluateBbhWorkflow((question) => workflow.answer(question), [{ input: 'Q', target: 'Yes' }]),
    ).rejects.toMatchObject({ code: 'MODEL_FAILED' });
    const notText = new BbhWorkflow({ model: async () => 42 as unknown as string });
    await expect(notText.answer('Q')).rejects.toThrow(/returned number, not a string/);
    expect(() => new BbhWorkflow({} as never)).toThrow(/needs options.model/);
  });
});

describe('evaluateBbhWorkflow', () => {
  it('scores real BBH test examples with the paper metric, at any concurrency', async () => {
    const { examples } = await loadBbhTask(dataDirectory, 'navigate');
    const { test } = splitBbhExamples(examples);
    const { model } = scriptedModel(() => 'Reasoning...\nAnswer: Yes');
    const workflow = new BbhWorkflow({ model });
    const sequential = await evaluateBbhWorkflow((question) => workflow.answer(question), test);
    const expected = test.filter((example) => example.target === 'Yes').length;
    expect(sequential.total).toBe(230);
    expect(sequential.correct).toBe(expected);
    expect(sequential.accuracy).toBeCloseTo(expected / 230, 12);
    const parallel = await evaluateBbhWorkflow((question) => workflow.answer(question), test, {
      concurrency: 8,
    });
    expect(parallel).toEqual(sequential);
  });

  it('counts errors of the workflow code as wrong answers and keeps their message', async () => {
    const result = await evaluateBbhWorkflow(
      async (question) => {
        if (question === 'bad') throw new TypeError('cannot read x');
        return 'Yes';
      },
      [
        { input: 'good', target: 'Yes' },
        { input: 'bad', target: 'Yes' },
      ],
    );
    expect(result.correct).toBe(1);
    expect(result.results[1]).toEqual({
      prediction: undefined,
      correct: false,
      error: 'cannot read x',
    });
    await expect(evaluateBbhWorkflow(async () => 'x', [], { concurrency: 0 })).rejects.toThrow(
      /concurrency/,
    );
  });
});

describe('trainBbhWorkflow', () => {
  /** A scripted optimizer: applies the next planned parameter change at each step. */
  function scriptedOptimizer(workflow: BbhWorkflow, plan: Array<(w: BbhWorkflow) => void>) {
    const feedbacks: unknown[] = [];
    const optimizer: Optimizer = {
      parameters: workflow.parameters(),
      zeroFeedback: () => {
        for (const parameter of workflow.parameters()) parameter.zeroFeedback();
      },
      backward: (output, feedback) => {
        feedbacks.push(feedback);
        return backward(output, feedback);
      },
      step: async () => {
        plan.shift()?.(workflow);
        return undefined;
      },
    };
    return { optimizer, feedbacks };
  }

  it('runs one epoch, keeps the best validated parameters and rolls back failing code', async () => {
    // The model weighs (A) against (B), then answers a bare letter: the initial extractor returns
    // "B", which the metric rejects; an extractor keeping the last "(X)" scores.
    const { model } = scriptedModel(() => 'Between (A) and (B), I pick (B).\nAnswer: B');
    const workflow = new BbhWorkflow({ model });
    const goodExtractor =
      'function extractAnswer(response) { const all = response.match(/\\([A-Z]\\)/g); return all ? all[all.length - 1] : ""; }';
    const brokenExtractor = 'function extractAnswer(response) { return response.nothing.here; }';
    const worseExtractor = 'function extractAnswer(response) { return "(A)"; }';
    const { optimizer, feedbacks } = scriptedOptimizer(workflow, [
      () => {},
      (w) => {
        w.extractAnswer.parameter!.data = goodExtractor;
      },
      (w) => {
        w.extractAnswer.parameter!.data = brokenExtractor;
      },
      (w) => {
        w.extractAnswer.parameter!.data = worseExtractor;
      },
    ]);
    const example = (target: string) => ({ input: 'Which one?', target });
    const steps: number[] = [];
    const result = await trainBbhWorkflow({
      workflow,
      optimizer,
      train: [example('(B)'), example('(B)'), example('(B)'), example('(B)')],
      validation: [example('(B)'), example('(B)'), example('(A)')],
      onStep: (step) => steps.push(step.step),
    });
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(result.initialValidationAccuracy).toBe(0);
    expect(result.steps.map((step) => step.rolledBack)).toEqual([false, false, true, false]);
    expect(result.steps.map((step) => step.best)).toEqual([false, true, false, false]);
    expect(result.steps[1]?.validationAccuracy).toBeCloseTo(2 / 3, 12);
    expect(result.bestValidationAccuracy).toBeCloseTo(2 / 3, 12);
    // The worse extractor of step 4 was replaced by the best one at the end.
    expect(workflow.extractAnswer.parameter?.data).toBe(goodExtractor);
    expect(feedbacks[0]).toBe('Wrong. The expected answer is "(B)"; the workflow answered "B".');
    expect(feedbacks[2]).toBe('Correct.');
  });

  it('keeps updates that add no failure when the initial code already fails on validation', async () => {
    // The initial extractor throws on a response without "Answer:"; the model gives one for the
    // question "odd", so one validation example fails from the start.
    const { model } = scriptedModel((prompt) =>
      prompt.includes('odd') ? 'I cannot say.' : 'Answer: (B)',
    );
    const workflow = new BbhWorkflow({
      model,
      execution: 'trusted',
      extractAnswer: (response: string) => {
        const at = response.indexOf('Answer:');
        if (at === -1) throw new Error('no Answer: marker');
        return response.slice(at + 'Answer:'.length).trim();
      },
    });
    const template = (text: string) => (w: BbhWorkflow) => {
      w.promptTemplate.data = `${text}{question}`;
    };
    const breakOnAll = (w: BbhWorkflow) => {
      w.promptTemplate.data = 'odd {question}';
    };
    const { optimizer } = scriptedOptimizer(workflow, [
      template('A: '),
      template('B: '),
      breakOnAll,
      template('C: '),
    ]);
    const example = (input: string, target: string) => ({ input, target });
    const result = await trainBbhWorkflow({
      workflow,
      optimizer,
      train: [1, 2, 3, 4].map(() => example('Which?', '(B)')),
      validation: [example('Which?', '(B)'), example('odd one', '(B)'), example('Which?', '(B)')],
    });
    expect(result.initialValidationAccuracy).toBeCloseTo(2 / 3, 12);
    // Steps 1, 2 and 4 keep the failure that was there before and add none: kept. Step 3 makes the
    // code fail on the two other examples: undone.
    expect(result.steps.map((step) => step.rolledBack)).toEqual([false, false, true, false]);
    expect(workflow.promptTemplate.data).not.toMatch(/^odd/);
  });

  it('stops on an abort, leaving the best validated parameters', async () => {
    const { model, prompts } = scriptedModel(() => 'Answer: (B)');
    const workflow = new BbhWorkflow({ model, execution: 'trusted' });
    const initialTemplate = workflow.promptTemplate.data;
    const controller = new AbortController();
    const { optimizer } = scriptedOptimizer(workflow, [
      (w) => {
        w.promptTemplate.data = 'unvalidated {question}';
        controller.abort();
      },
    ]);
    const error = await trainBbhWorkflow({
      workflow,
      optimizer,
      train: [
        { input: 'Q', target: '(B)' },
        { input: 'Q', target: '(B)' },
      ],
      validation: [{ input: 'V', target: '(B)' }],
      signal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'ABORTED' });
    expect(workflow.promptTemplate.data).toBe(initialTemplate);
    // One validation, one training example; nothing after the abort.
    expect(prompts).toHaveLength(2);
  });
});
