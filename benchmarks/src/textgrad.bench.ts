/**
 * `pnpm bench:perf textgrad`: how long TextGrad spends outside the model on a large graph (walk,
 * prompts, records), and how many model latencies one step takes when levels run concurrently.
 */
import { type Node, node, ops, scope } from '@trace/core';
import type { CompletionResponse, LanguageModel } from '@trace/llm';
import { MockLLM } from '@trace/llm/test';
import { TextGrad } from '@trace/textgrad';
import { type BenchmarkSuite, type Figure, timeMs } from './figure.js';
import { fullGc } from './gc.js';

/**
 * A layered graph: `width` parameters, then `depth - 1` levels of `width` additions, node `j` of a
 * level reading nodes `j` and `j + 1` (wrapping) of the level below; `width * depth` nodes in all,
 * every one on a path from a parameter to one of the `width` outputs of the top level.
 */
function layeredGraph(width: number, depth: number): { parameters: Node[]; outputs: Node[] } {
  return scope(() => {
    const parameters = Array.from({ length: width }, (_, index) =>
      node(index, { name: 'p', trainable: true }),
    );
    let level: Node<number>[] = parameters as Node<number>[];
    for (let step = 1; step < depth; step += 1) {
      const below = level;
      level = below.map((left, index) => ops.add(left, below[(index + 1) % width]!));
    }
    return { parameters, outputs: level };
  });
}

/** A model that answers at once without reading the request: what is left is TextGrad's own time. */
function instantModel(update: string): LanguageModel {
  return {
    provider: 'bench',
    modelId: 'instant',
    async doComplete(request): Promise<CompletionResponse> {
      const text = request.json === true ? update : '<feedback>Make it smaller.</feedback>';
      return {
        text,
        usage: { inputTokens: 1, outputTokens: 1 },
        modelId: 'instant',
        finishReason: 'stop',
        latencyMs: 0,
      };
    },
  };
}

function optimizerFor(width: number, depth: number, model: LanguageModel): TextGrad {
  const { parameters, outputs } = layeredGraph(width, depth);
  const optimizer = new TextGrad(parameters, { model });
  for (const output of outputs) optimizer.backward(output, 'The sum is too large.');
  return optimizer;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const suite: BenchmarkSuite = {
  name: 'textgrad',
  async run(report: (figure: Figure) => void) {
    const update = '{"reasoning": "r", "noChange": true}';
    // Warm up the JIT.
    for (let round = 0; round < 5; round += 1) {
      await optimizerFor(10, 50, instantModel(update)).propose();
    }

    // 1,000 nodes (100 levels of 10). Prompt building, model time excluded: preview() builds every
    // prompt of a step (walk plan, ~2,000 criticism prompts, the update prompt) without a model.
    const graph = optimizerFor(10, 100, instantModel(update));
    for (let round = 0; round < 5; round += 1) graph.preview();
    const previewTimes: number[] = [];
    let prompts = 0;
    for (let round = 0; round < 9; round += 1) {
      fullGc();
      previewTimes.push(
        await timeMs(() => {
          prompts = graph.preview().length;
        }),
      );
    }
    const buildMs = median(previewTimes);
    report({
      name: `prompt building, 1,000-node graph (${prompts} prompts, preview())`,
      value: buildMs,
      unit: 'ms',
      target: '<= 50 ms',
      met: buildMs <= 50,
    });

    // The same inside a real propose() with a model that answers at once: the record's promptMs
    // (prompt time only, interrupted by the concurrent calls' bookkeeping) and the whole call.
    const promptTimes: number[] = [];
    const proposeTimes: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      fullGc();
      const optimizer = optimizerFor(10, 100, instantModel(update));
      let record: Awaited<ReturnType<TextGrad['propose']>>['record'] | undefined;
      proposeTimes.push(
        await timeMs(async () => {
          record = (await optimizer.propose()).record;
        }),
      );
      promptTimes.push(record!.promptMs);
    }
    report({
      name: 'propose() on that graph: promptMs of the record',
      value: median(promptTimes),
      unit: 'ms',
    });
    report({
      name: 'propose() on that graph: whole call, instant model',
      value: median(proposeTimes),
      unit: 'ms',
    });

    // 100 nodes (10 levels of 10) with a model that takes 50 ms per call.
    const latency = 50;
    const model = new MockLLM({
      latencyMs: latency,
      responses: (request) => (request.json === true ? update : '<feedback>Smaller.</feedback>'),
    });
    const optimizer = optimizerFor(10, 10, model);
    const stepMs = await timeMs(() => optimizer.step());
    report({
      name: `one step, 100-node graph, levels 10 wide, ${latency} ms model (${model.callCount} calls)`,
      value: stepMs / latency,
      unit: 'latencies',
      target: '<= 15 latencies',
      met: stepMs / latency <= 15,
    });
  },
};

export default suite;
