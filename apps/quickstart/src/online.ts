import type { LanguageModel } from '@trace/llm';
import { ModelCallError, OptoPrime, summarizeStep } from '@trace/optoprime';
import {
  type ConverterParameters,
  celsiusExamples,
  convert,
  evaluate,
  feedbackFor,
} from './workflow.js';

/** What the online path did. */
export interface OnlineResult {
  readonly ok: boolean;
  /** Steps taken. */
  readonly steps: number;
  readonly correct: number;
}

/**
 * Optimizes every parameter with OptoPrime: each step runs the workflow on all examples (a
 * minibatch), gives each answer its feedback, and asks the model for new values. Stops when every
 * answer is correct or after `maxSteps`.
 */
export async function runOnline(
  parameters: ConverterParameters,
  model: LanguageModel,
  options: { maxSteps: number; print: (line: string) => void },
): Promise<OnlineResult> {
  const { print } = options;
  const optimizer = new OptoPrime([parameters.slope, parameters.intercept, parameters.template], {
    model,
    memorySize: 3,
    objective: 'Make every answer exactly match what its feedback expects.',
  });
  let evaluation = evaluate(parameters);
  print(`before: ${describe(evaluation)}`);
  let steps = 0;
  while (steps < options.maxSteps && evaluation.correct < evaluation.total) {
    optimizer.zeroFeedback();
    for (const celsius of celsiusExamples) {
      const { answer } = convert(parameters, celsius);
      optimizer.backward(answer, feedbackFor(celsius, answer.data));
    }
    try {
      const record = await optimizer.step();
      steps += 1;
      evaluation = evaluate(parameters);
      print(`${summarizeStep(record)}`);
      print(
        `  now: ${describe(evaluation)} (${record.tokens.input + record.tokens.output} tokens)`,
      );
    } catch (error) {
      if (!ModelCallError.isInstance(error)) throw error;
      print(error.message);
      return { ok: false, steps, correct: evaluation.correct };
    }
  }
  print(
    `final: slope=${parameters.slope.data}, intercept=${parameters.intercept.data}, template=${JSON.stringify(parameters.template.data)}`,
  );
  for (const celsius of celsiusExamples) print(`  ${convert(parameters, celsius).answer.data}`);
  return { ok: true, steps, correct: evaluation.correct };
}

function describe(evaluation: ReturnType<typeof evaluate>): string {
  return `${evaluation.correct}/${evaluation.total} answers correct, mean error ${evaluation.meanAbsoluteError.toFixed(2)} °F`;
}
