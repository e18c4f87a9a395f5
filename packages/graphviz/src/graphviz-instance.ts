import { Graphviz } from '@hpcc-js/wasm-graphviz';

let instance: Promise<Graphviz> | undefined;

/** The Graphviz WebAssembly module, loaded once per process (compiling it takes ~100 ms). */
export function loadGraphviz(): Promise<Graphviz> {
  instance ??= Graphviz.load();
  return instance;
}

/** Renders DOT text to SVG text with Graphviz's `dot` layout. Throws Graphviz's message on bad DOT. */
export async function dotToSvg(dot: string): Promise<string> {
  return (await loadGraphviz()).dot(dot);
}
