import { node, ops } from '@trace/core';
import { describe, expect, it } from 'vitest';
import { dotToSvg, toSvg } from './index.js';

function chain(length: number) {
  const parameter = node(1, { name: 'weight', trainable: true });
  let value = ops.add(parameter, 0);
  for (let i = 1; i < length; i++) value = ops.add(value, 1);
  return { parameter, output: value };
}

describe('toSvg', () => {
  it('draws every node of a small graph, the parameter highlighted', async () => {
    const { output } = chain(3);
    const svg = await toSvg(output);
    expect(svg).toContain('<svg');
    expect(svg).toContain('weight');
    expect(svg).toContain('#cfe8ff');
    expect(svg.match(/class="node"/g)).toHaveLength(7); // weight, 3 constants, 3 additions
  });

  it('escapes hostile names and values: no markup from the graph reaches the SVG', async () => {
    const evil = node('<script>alert(1)</script>"\\', { name: 'p<b>', trainable: true });
    const svg = await toSvg(ops.add(evil, '</svg><img src=x>'));
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('collapses a graph above maxNodes to the parameters, what they received, and the output', async () => {
    const { output } = chain(50);
    const svg = await toSvg(output, { maxNodes: 20 });
    expect(svg).toContain('weight');
    expect(svg).toMatch(/99 operations and inputs collapsed/);
    expect(svg.match(/class="node"/g)).toHaveLength(3);
  });

  it('collapsed as core draws it: hostile names, 60 parameters (50 drawn, the rest counted)', async () => {
    const parameters = Array.from({ length: 60 }, (_v, i) =>
      node(`<script>${i}</script>"\\\ud800`, { name: `<b>p${i}</b>\n"`, trainable: true }),
    );
    let sum = ops.add(parameters[0]!, '');
    for (const parameter of parameters.slice(1)) sum = ops.add(sum, parameter);
    const svg = await toSvg(sum, { maxNodes: 10 });
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('&lt;b&gt;p49&lt;/b&gt;');
    expect(svg).not.toContain('p50&lt;');
    expect(svg).toContain('10 more parameters');
    expect(svg.match(/class="node"/g)).toHaveLength(1 + 50 + 1 + 1);
  });

  it('refuses a bad maxNodes and reports Graphviz errors', async () => {
    const { output } = chain(1);
    await expect(toSvg(output, { maxNodes: 0 })).rejects.toThrow(
      /maxNodes must be a positive integer/,
    );
    await expect(toSvg(output, { maxNodes: Number.NaN })).rejects.toThrow(/maxNodes/);
    await expect(dotToSvg('digraph {')).rejects.toThrow();
  });

  it('renders the same graph 100 times at once', async () => {
    const { output } = chain(5);
    const svgs = await Promise.all(Array.from({ length: 100 }, () => toSvg(output)));
    expect(new Set(svgs).size).toBe(1);
  });
});
