/** Lays DOT out to SVG text in a Web Worker, one graph at a time, the latest request first. */
export interface GraphRenderer {
  /** The SVG text of `dot`; rejects with {@link SupersededError} when a newer request replaced it. */
  render(dot: string): Promise<string>;
}

/** A render request dropped because a newer one came before it started. */
export class SupersededError extends Error {
  override readonly name = 'SupersededError';
  constructor() {
    super('A newer graph was asked for.');
  }
}

interface Job {
  readonly dot: string;
  readonly resolve: (svg: string) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A renderer over workers made by `makeWorker`. Only one request waits: a new one replaces it
 * (moving quickly between steps never queues their layouts). A layout that takes longer than
 * `timeoutMs` is stopped (the worker is terminated and a fresh one starts for the next request).
 * The last few results are kept, so coming back to a step does not lay its graph out again.
 */
export function createGraphRenderer(makeWorker: () => Worker, timeoutMs = 30_000): GraphRenderer {
  let worker: Worker | undefined;
  let running: (Job & { id: number; timer: ReturnType<typeof setTimeout> }) | undefined;
  let waiting: Job | undefined;
  let nextId = 0;
  const done = new Map<string, string>();

  const reset = (error: Error) => {
    worker?.terminate();
    worker = undefined;
    if (running !== undefined) {
      clearTimeout(running.timer);
      running.reject(error);
      running = undefined;
    }
  };

  const start = () => {
    if (running !== undefined || waiting === undefined) return;
    const job = waiting;
    waiting = undefined;
    if (worker === undefined) {
      try {
        worker = makeWorker();
      } catch (error) {
        job.reject(new Error(`The graph worker could not start: ${(error as Error).message}`));
        return start();
      }
      worker.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as { id: number; svg?: string; error?: string };
        if (running === undefined || data.id !== running.id) return;
        const finished = running;
        clearTimeout(finished.timer);
        running = undefined;
        if (typeof data.svg === 'string') {
          done.set(finished.dot, data.svg);
          if (done.size > 8) done.delete(done.keys().next().value!);
          finished.resolve(data.svg);
        } else {
          finished.reject(new Error(`Graphviz: ${data.error ?? 'no output'}`));
        }
        start();
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        reset(new Error(`The graph worker failed: ${event.message || 'it could not load'}`));
        start();
      });
    }
    const id = ++nextId;
    const timer = setTimeout(() => {
      reset(new Error(`Graphviz took longer than ${timeoutMs / 1000} s and was stopped.`));
      start();
    }, timeoutMs);
    running = { ...job, id, timer };
    worker.postMessage({ id, dot: job.dot });
  };

  return {
    render(dot) {
      const cached = done.get(dot);
      if (cached !== undefined) return Promise.resolve(cached);
      return new Promise<string>((resolve, reject) => {
        waiting?.reject(new SupersededError());
        waiting = { dot, resolve, reject };
        start();
      });
    },
  };
}
