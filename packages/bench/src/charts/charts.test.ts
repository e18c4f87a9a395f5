import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { learningCurveSpec } from './learning-curve-spec.js';
import { pngHasContent } from './png-check.js';
import { renderSvg, svgToPng } from './render-chart.js';

const points = ['adam', 'trace'].flatMap((method, k) =>
  Array.from({ length: 5 }, (_, step) => ({
    method,
    step,
    mean: 6 / (1 + step * (k + 1)),
    standardError: 0.4,
  })),
);

describe('learning curves', () => {
  it('renders to an SVG with one line per method and a band', async () => {
    const svg = await renderSvg(
      learningCurveSpec(points, { title: 'Numerical <test> & "quotes"', yTitle: 'error' }),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Numerical &lt;test&gt; &amp;');
    expect(svg.match(/role-mark/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(svg).toContain('adam');
    expect(svg).toContain('trace');
  });

  it('renders a PNG that is not blank, and a blank PNG is recognized as blank', async () => {
    const png = svgToPng(await renderSvg(learningCurveSpec(points, { title: 't', yTitle: 'y' })));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(pngHasContent(png)).toBe(true);
    const blank = new PNG({ width: 4, height: 4 });
    blank.data.fill(255);
    expect(pngHasContent(PNG.sync.write(blank))).toBe(false);
  });

  it('keeps non-finite means out of the data instead of breaking the chart', async () => {
    const spec = learningCurveSpec(
      [{ method: 'x', step: 0, mean: Number.NaN, standardError: Number.POSITIVE_INFINITY }],
      { title: 't', yTitle: 'y' },
    );
    expect(JSON.stringify(spec)).toContain('"mean":null');
    await expect(renderSvg(spec)).resolves.toContain('<svg');
  });
});
