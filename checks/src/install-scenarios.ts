/** The two install scenarios of the install check: core alone, then core + llm + optoprime. */
import type { InstallScenario } from './install-scenario.js';

const adamBody = `
const x = node(0, { name: 'x', trainable: true });
const optimizer = new Adam([x], { learningRate: 0.5 });
const loss = () =>
  scope(() => {
    const difference = ops.subtract(x, 3);
    return ops.multiply(difference, difference);
  });
const first = loss().data;
for (let step = 0; step < 60; step += 1) {
  optimizer.zeroFeedback();
  optimizer.backward(loss(), 1);
  await optimizer.step();
}
const last = loss().data;
if (!(last < first / 100)) throw new Error('Adam did not reduce (x - 3)^2: ' + first + ' -> ' + last);
console.log('loss ' + first + ' -> ' + last);
console.log('ok');
`;

const optoPrimeBody = `
const x = node(1, { name: 'x', trainable: true });
const reply = { reasoning: 'y = 2x should be 10', noChange: false, suggestion: { x0: 5 } };
const model = new MockLLM({ responses: [JSON.stringify(reply)] });
const optimizer = new OptoPrime([x], { model });
const y = scope(() => ops.multiply(x, 2));
optimizer.zeroFeedback();
optimizer.backward(y, 'y is ' + y.data + '; it should be 10.');
const summary = summarizeStep(await optimizer.step());
if (x.data !== 5) throw new Error('OptoPrime did not apply the suggestion: x = ' + x.data);
if (!summary.startsWith('step 1: updated')) throw new Error('unexpected step summary: ' + summary);
if (typeof resolveModel !== 'function') throw new Error('@trace/llm has no resolveModel');
console.log('x = ' + x.data);
console.log('ok');
`;

const asyncMain = (body: string) =>
  `(async () => {${body}})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`;

/** Installs only `@trace/core` and tunes a number with Adam. */
export const coreScenario: InstallScenario = {
  name: 'core',
  install: ['@trace/core'],
  mustNotInstall: [
    '@trace/llm',
    '@trace/optimizer-kit',
    '@trace/optoprime',
    'openai',
    '@anthropic-ai/sdk',
  ],
  esm: `import { Adam, node, ops, scope } from '@trace/core';\n${adamBody}`,
  cjs: `const { Adam, node, ops, scope } = require('@trace/core');\n${asyncMain(adamBody)}`,
  typescript: `import { Adam, type Node, node, ops, scope } from '@trace/core';

const x: Node<number> = node(0, { name: 'x', trainable: true });
const optimizer = new Adam([x], { learningRate: 0.5 });
optimizer.zeroFeedback();
optimizer.backward(scope(() => ops.multiply(ops.subtract(x, 3), ops.subtract(x, 3))), 1);
await optimizer.step();
const value: number = x.data;
export { value };
`,
  typescriptCjs: `import core = require('@trace/core');

const x: core.Node<number> = core.node(0, { name: 'x', trainable: true });
const optimizer = new core.Adam([x], { learningRate: 0.5 });
export const pending: Promise<unknown> = optimizer.step();
`,
};

/** Installs core, llm and optoprime, and runs one OptoPrime step with a scripted model. */
export const optoPrimeScenario: InstallScenario = {
  name: 'core+llm+optoprime',
  install: ['@trace/core', '@trace/llm', '@trace/optoprime'],
  mustNotInstall: ['@trace/opro', '@trace/envs'],
  esm: `import { node, ops, scope } from '@trace/core';
import { resolveModel } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { OptoPrime, summarizeStep } from '@trace/optoprime';
${optoPrimeBody}`,
  cjs: `const { node, ops, scope } = require('@trace/core');
const { resolveModel } = require('@trace/llm');
const { MockLLM } = require('@trace/llm/test');
const { OptoPrime, summarizeStep } = require('@trace/optoprime');
${asyncMain(optoPrimeBody)}`,
  typescript: `import { type Node, node, ops, scope } from '@trace/core';
import { type LanguageModel, resolveModel } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { OptoPrime, type SuggestionStepRecord, summarizeStep } from '@trace/optoprime';

const x: Node<number> = node(1, { name: 'x', trainable: true });
const model: LanguageModel = new MockLLM({ responses: ['{"suggestion": {"x0": 5}}'] });
const optimizer = new OptoPrime([x], { model });
optimizer.backward(scope(() => ops.multiply(x, 2)), 'y should be 10');
const record: SuggestionStepRecord = await optimizer.step();
export const summary: string = summarizeStep(record);
export const configured: typeof resolveModel = resolveModel;
`,
  typescriptCjs: `import optoprime = require('@trace/optoprime');
import llmTest = require('@trace/llm/test');

const model = new llmTest.MockLLM({ responses: ['{"suggestion": {}}'] });
export const optimizer: optoprime.OptoPrime = new optoprime.OptoPrime([], { model });
`,
};
