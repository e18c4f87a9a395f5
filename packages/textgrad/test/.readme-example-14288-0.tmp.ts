import { node, ops, scope, summarizeStep } from '@trace/core';
import { MockLLM } from '@trace/llm/test';
import { TextGrad } from '../src/index.js';

const x = node(-1, { name: 'x', trainable: true });
const optimizer = new TextGrad([x], { model: new MockLLM({ responses: ["<feedback>add0 is 8 too small; multiply0 should be 9.</feedback>","<feedback>x0 times 3 should be 9, so x0 should be 3.</feedback>","{\"reasoning\": \"3 * 3 + 1 = 10\", \"suggestion\": {\"x0\": 3}}"] }) });

const y = scope(() => ops.add(ops.multiply(x, 3), 1)); // y = 3x + 1
optimizer.backward(y, `y is ${y.data}; it should be 10.`);
const record = await optimizer.step();
console.log(summarizeStep(record));
console.log(`${record.calls} model calls in ${record.backward.levels} backward levels`);
console.log('x =', x.data);
