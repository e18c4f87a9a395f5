/**
 * `pnpm example examples/src/optoprime.ts`: OptoPrime tunes a prompt from feedback. With a model
 * configured (`TRACE_MODEL`, see `resolveModel` in @trace/llm) it asks that model; without one it uses
 * a scripted MockLLM, so the example runs offline.
 */
import { bundle, node, scope } from '@trace/core';
import { type LanguageModel, resolveModel } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { OptoPrime, summarizeStep } from '@trace/optoprime';

const scripted = JSON.stringify({
  reasoning: 'The feedback asks for the answer in capitals.',
  noChange: false,
  suggestion: { greeting0: 'HELLO, {name}!' },
});
const model: LanguageModel = process.env.TRACE_MODEL
  ? resolveModel()
  : new MockLLM({ responses: [scripted] });

const greeting = node('hello, {name}', { name: 'greeting', trainable: true });
const greet = bundle(
  function greet(template: string, name: string) {
    return template.replace('{name}', name);
  },
  { description: '[greet] Replaces {name} in template by name.' },
);
const optimizer = new OptoPrime([greeting], { model });
for (let step = 1; step <= 3; step += 1) {
  const output = scope(() => greet(greeting, 'Ada'));
  console.log(`step ${step}: ${JSON.stringify(output.data)}`);
  if (output.data === 'HELLO, Ada!') break;
  optimizer.zeroFeedback();
  optimizer.backward(
    output,
    'Write the greeting in capitals, ending with "!", e.g. "HELLO, Ada!".',
  );
  console.log(summarizeStep(await optimizer.step()));
}
