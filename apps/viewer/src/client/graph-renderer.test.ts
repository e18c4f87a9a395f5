import { describe, expect, it, vi } from 'vitest';
import { createGraphRenderer, SupersededError } from './graph-renderer.js';

/** A stand-in for the graph worker: records what it was sent; the test answers. */
class FakeWorker extends EventTarget {
  readonly sent: { id: number; dot: string }[] = [];
  terminated = false;
  postMessage(message: { id: number; dot: string }): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
}

function setup(timeoutMs?: number) {
  const workers: FakeWorker[] = [];
  const renderer = createGraphRenderer(() => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker as unknown as Worker;
  }, timeoutMs);
  return { renderer, workers };
}

describe('createGraphRenderer', () => {
  it('lays out one graph at a time; a newer request replaces the one waiting', async () => {
    const { renderer, workers } = setup();
    const a = renderer.render('A');
    const b = renderer.render('B');
    const c = renderer.render('C');
    await expect(b).rejects.toBeInstanceOf(SupersededError);
    const worker = workers[0]!;
    expect(worker.sent.map((m) => m.dot)).toEqual(['A']);
    worker.answer({ id: worker.sent[0]!.id, svg: '<svg>A</svg>' });
    await expect(a).resolves.toBe('<svg>A</svg>');
    expect(worker.sent.map((m) => m.dot)).toEqual(['A', 'C']);
    worker.answer({ id: 999, svg: 'stale' }); // an answer to nothing running is ignored
    worker.answer({ id: worker.sent[1]!.id, svg: '<svg>C</svg>' });
    await expect(c).resolves.toBe('<svg>C</svg>');
    expect(workers).toHaveLength(1);
  });

  it('keeps recent drawings: the same DOT again is not sent to the worker', async () => {
    const { renderer, workers } = setup();
    const first = renderer.render('A');
    workers[0]!.answer({ id: 1, svg: '<svg/>' });
    await first;
    await expect(renderer.render('A')).resolves.toBe('<svg/>');
    expect(workers[0]!.sent).toHaveLength(1);
  });

  it("reports Graphviz's error and goes on with the next request", async () => {
    const { renderer, workers } = setup();
    const bad = renderer.render('digraph {');
    const next = renderer.render('B');
    workers[0]!.answer({ id: 1, error: 'syntax error in line 1' });
    await expect(bad).rejects.toThrow('Graphviz: syntax error in line 1');
    workers[0]!.answer({ id: 2, svg: '<svg>B</svg>' });
    await expect(next).resolves.toBe('<svg>B</svg>');
  });

  it('stops a layout that takes too long and starts a fresh worker for the next one', async () => {
    vi.useFakeTimers();
    try {
      const { renderer, workers } = setup(1000);
      const slow = renderer.render('huge');
      const next = renderer.render('small');
      const failed = expect(slow).rejects.toThrow(/longer than 1 s/);
      vi.advanceTimersByTime(1001);
      await failed;
      expect(workers[0]!.terminated).toBe(true);
      expect(workers).toHaveLength(2);
      workers[1]!.answer({ id: workers[1]!.sent[0]!.id, svg: '<svg/>' });
      await expect(next).resolves.toBe('<svg/>');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a worker that fails to load rejects the running request and the next gets a new worker', async () => {
    const { renderer, workers } = setup();
    const first = renderer.render('A');
    const event = new Event('error', { cancelable: true });
    Object.assign(event, { message: 'script blocked' });
    workers[0]!.dispatchEvent(event);
    await expect(first).rejects.toThrow('The graph worker failed: script blocked');
    const second = renderer.render('B');
    expect(workers).toHaveLength(2);
    workers[1]!.answer({ id: workers[1]!.sent[0]!.id, svg: '<svg/>' });
    await expect(second).resolves.toBe('<svg/>');
  });
});
