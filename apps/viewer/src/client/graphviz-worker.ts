/// <reference lib="webworker" />
/**
 * The Web Worker that lays graphs out: Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`,
 * its WebAssembly inlined in the script), so a large layout never blocks the page.
 * Message in: `{ id, dot }`; message out: `{ id, svg }` or `{ id, error }`.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';

let graphviz: Promise<Graphviz> | undefined;

self.addEventListener('message', (event: MessageEvent<{ id: number; dot: string }>) => {
  const { id, dot } = event.data;
  graphviz ??= Graphviz.load();
  graphviz
    .then((instance) => self.postMessage({ id, svg: instance.dot(dot) }))
    .catch((error: unknown) =>
      self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
    );
});
