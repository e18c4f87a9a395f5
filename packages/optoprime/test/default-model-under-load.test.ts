/**
 * End to end: an OptoPrime step with the model `resolveModel()` builds, against a local server that
 * speaks the provider's wire format and answers with a burst of rate-limit (429) or overload (529)
 * errors before it answers. The default retry policy must carry the step through.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { node, ops, scope } from '@trace/core';
import { resolveModel } from '@trace/llm';
import { afterEach, describe, expect, test } from 'vitest';
import { OptoPrime } from '../src/index.js';

const suggestion = '{"suggestion": {"x0": 3}}';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** Serves `reply(index)` as JSON; returns the base URL and the number of requests so far. */
async function serve(reply: (index: number, request: any) => { status: number; body: unknown }) {
  let count = 0;
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { status, body } = reply(count, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      count += 1;
      response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => count };
}

function problem() {
  // In its own scope, so that the parameter is labelled x0 in every test.
  const x = scope(() =>
    node(-1, { name: 'x', trainable: true, description: 'The input to find.' }),
  );
  const y = scope(() => ops.add(ops.multiply(x, 3), 1));
  return { x, y };
}

describe('OptoPrime with the default model under load', () => {
  test('a burst of 429s, then an answer: the step completes (OpenAI wire format)', async () => {
    const local = await serve((index) =>
      index < 4
        ? {
            status: 429,
            body: { error: { message: 'Rate limit reached', type: 'requests', code: null } },
          }
        : {
            status: 200,
            body: {
              id: 'chatcmpl-1',
              object: 'chat.completion',
              created: 1,
              model: 'gpt-4o-mini',
              choices: [
                {
                  index: 0,
                  message: { role: 'assistant', content: suggestion, refusal: null },
                  finish_reason: 'stop',
                },
              ],
              usage: { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110 },
            },
          },
    );
    const { x, y } = problem();
    const model = resolveModel(
      { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url },
      {},
    );
    const optimizer = new OptoPrime([x], { model });
    optimizer.backward(y, `y is ${y.data}; it should be 10.`);
    await optimizer.step();
    expect(x.data).toBe(3);
    expect(local.requests()).toBe(5);
  });

  test('a burst of 529 overloads, then an answer: the step completes (Anthropic wire format)', async () => {
    // With json: true the Anthropic model prefills the answer with "{", and the API continues it.
    const prefilled = (request: any) => request.messages.at(-1)?.content === '{';
    const local = await serve((index, request) =>
      index < 3
        ? {
            status: 529,
            body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
          }
        : {
            status: 200,
            body: {
              id: 'msg_1',
              type: 'message',
              role: 'assistant',
              model: 'claude-haiku-4-5',
              content: [
                { type: 'text', text: prefilled(request) ? suggestion.slice(1) : suggestion },
              ],
              stop_reason: 'end_turn',
              stop_sequence: null,
              usage: { input_tokens: 100, output_tokens: 10 },
            },
          },
    );
    const { x, y } = problem();
    const model = resolveModel(
      { model: 'anthropic:claude-haiku-4-5', apiKey: 'k', baseURL: local.url },
      {},
    );
    const optimizer = new OptoPrime([x], { model });
    optimizer.backward(y, `y is ${y.data}; it should be 10.`);
    await optimizer.step();
    expect(x.data).toBe(3);
    expect(local.requests()).toBe(4);
  });

  test('a 401 fails the step at once, without retrying', async () => {
    const local = await serve(() => ({
      status: 401,
      body: {
        error: {
          message: 'Incorrect API key',
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      },
    }));
    const { x, y } = problem();
    const model = resolveModel(
      { model: 'openai:gpt-4o-mini', apiKey: 'k', baseURL: local.url },
      {},
    );
    const optimizer = new OptoPrime([x], { model });
    optimizer.backward(y, `y is ${y.data}; it should be 10.`);
    await expect(optimizer.step()).rejects.toThrow();
    expect(x.data).toBe(-1);
    expect(local.requests()).toBe(1);
  });
});
