import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Draws a Vega-Lite spec into `container` as SVG (vega's SVG renderer, no canvas). */
export async function drawChart(container: HTMLElement, spec: unknown): Promise<View> {
  const compiled = compile(spec as TopLevelSpec).spec;
  const view = new View(parse(compiled), { renderer: 'svg', container, hover: true });
  await view.runAsync();
  return view;
}
