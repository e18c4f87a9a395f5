import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStaticViewer } from '../server/static-export.js';
import { startViewerServer, type ViewerServer } from '../server/viewer-server.js';
import { launchChromium } from '../test-support/browser.js';
import { appendRunningStep, writeFixtureRuns } from '../test-support/fixture-runs.js';

let folder: string;
let server: ViewerServer;
let browser: Browser;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-viewer-browser-'));
  await writeFixtureRuns(join(folder, 'runs'));
  [server, browser] = await Promise.all([
    startViewerServer(join(folder, 'runs')),
    launchChromium(),
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(folder, { recursive: true, force: true });
});

async function openPage(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(url);
  return page;
}

async function rendered(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.getElementById('app')?.getAttribute('aria-busy') === 'false',
  );
}

/**
 * Counts the screenshot's pixels (of the page, or of the element `selector` names) that are not
 * (near) white, decoding the PNG in the page itself.
 */
async function inkedPixels(page: Page, selector?: string): Promise<number> {
  const shot = selector === undefined ? page.screenshot() : page.locator(selector).screenshot();
  const png = (await shot).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 600) inked++;
    return inked;
  }, png);
}

/** Every button, select and link has an accessible name. */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, select, input, a[href]')]
      .filter((control) => {
        const label = control.getAttribute('aria-label') ?? control.textContent?.trim() ?? '';
        const byFor = control.id ? document.querySelector(`label[for="${control.id}"]`) : null;
        return label === '' && byFor === null;
      })
      .map((control) => control.outerHTML.slice(0, 80)),
  );
}

/** Text elements (outside the chart) whose contrast with their background is below WCAG AA (4.5:1). */
async function lowContrastText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const channel = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
    };
    const background = (element: Element | null): number[] => {
      for (let e = element; e; e = e.parentElement) {
        const parts = rgb(getComputedStyle(e).backgroundColor);
        if (parts.length === 3 || (parts.length === 4 && parts[3]! > 0)) return parts.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const failures: string[] = [];
    for (const element of document.querySelectorAll('#app *')) {
      if (element.closest('svg')) continue;
      const own = [...element.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '',
      );
      if (!own) continue;
      const fg = luminance(rgb(getComputedStyle(element).color));
      const bg = luminance(background(element));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5)
        failures.push(
          `${element.tagName} ${element.textContent!.slice(0, 30)}: ${ratio.toFixed(2)}`,
        );
    }
    return failures;
  });
}

describe('the served viewer in Chromium', () => {
  it('lists the runs with status, cost and best score, draws the learning curves, and is not blank', async () => {
    const page = await openPage(server.url);
    await rendered(page);
    const rows = await page.$$eval('table.runs tbody tr', (trs) =>
      trs.map((tr) => tr.textContent ?? ''),
    );
    expect(rows).toHaveLength(3);
    expect(rows.find((row) => row.startsWith('finished'))).toMatch(
      /trace.*mock:scripted.*finished6\$0\.006000\.6$/,
    );
    expect(rows.find((row) => row.startsWith('running'))).toContain('running');
    expect(rows.find((row) => row.startsWith('hostile'))).toContain('failed');
    const marks = await page.$$eval('figure.chart svg path', (paths) => paths.length);
    expect(marks).toBeGreaterThan(3);
    expect(await page.$eval('figure.chart svg', (svg) => svg.textContent)).toContain('demo');
    expect(await inkedPixels(page)).toBeGreaterThan(5_000);
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await lowContrastText(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('shows a step: prompt sections, reply, accepted update, side-by-side code diff, feedback, usage', async () => {
    const page = await openPage(`${server.url}#/run/finished/step/2`);
    await rendered(page);
    expect(await page.textContent('.step h3')).toBe('Step 2');
    const sections = await page.$$eval('.prompt details summary', (s) =>
      s.map((x) => x.textContent),
    );
    expect(sections).toEqual(['Instruction', 'Code', 'Feedback']);
    expect(await page.textContent('.reply pre')).toContain('"reasoning": "add one"');
    expect(await page.textContent('.update-applied')).toBe('applied solve (solve:0)');
    expect(await page.textContent('.step .facts')).toMatch(
      /update accepted.*tokens in \/ out120 \/ 40.*\$0\.00100.*latency252 ms/s,
    );
    const diff = await page.$$eval('table.diff tbody tr.diff-changed td', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(diff).toEqual(['    return x + 1', '    return x + 2']);
    expect(await page.textContent('.feedback')).toContain('example 0 feedback at step 2');
    // A rejected step shows its reason.
    await page.goto(`${server.url}#/run/finished/step/4`);
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 4');
    expect(await page.textContent('.step')).toContain('validation score got worse');
    expect(await page.textContent('.update-rejected')).toContain('solve: not valid Python');
    expect(await lowContrastText(page)).toEqual([]);
    await page.close();
  });

  it('moves between steps with the keyboard and keeps focus on the current step', async () => {
    const page = await openPage(`${server.url}#/run/finished`);
    await rendered(page);
    expect(await page.textContent('.step h3')).toBe('Step 1');
    await page.focus('.step-list a[aria-current]');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 2');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Step 2/);
    await page.keyboard.press('j');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 3');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 2');
    expect(page.url()).toMatch(/#\/run\/finished\/step\/2$/);
    await page.click('button[aria-label="Next step"]');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 3');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.close();
  });

  it('draws the trace graph of a step: an SVG, the parameter outlined, not blank, keys still move', async () => {
    const page = await openPage(`${server.url}#/run/finished/step/2`);
    await rendered(page);
    await graphDrawn(page);
    const nodes = await page.$$eval('.graph-canvas svg g.node', (g) => g.length);
    expect(nodes).toBe(5); // solve, two constants, two additions
    const parameters = await page.$$eval('.graph-canvas svg g.node.parameter', (groups) =>
      groups.map((g) => ({
        text: g.textContent,
        stroke: getComputedStyle(g.querySelector('path, polygon')!).stroke,
        fill: g.querySelector('path, polygon')!.getAttribute('fill'),
      })),
    );
    expect(parameters).toHaveLength(1);
    expect(parameters[0]!.text).toMatch(/solve:\d+.*def solve\(x\): return x \+ 1/s);
    expect(parameters[0]!.stroke).toBe('rgb(11, 87, 208)');
    expect(parameters[0]!.fill).toBe('#cfe8ff');
    expect(await page.textContent('.graph h4')).toBe('Trace graph (5 nodes)');
    expect(await page.textContent('.graph-status')).toBe('Parameters (1) are outlined in blue.');
    expect(await page.getAttribute('.graph-canvas svg', 'aria-label')).toMatch(/5 nodes/);
    expect(await inkedPixels(page, '.graph-canvas')).toBeGreaterThan(2_000);
    // Keyboard navigation still works with the graph on the page, and the next graph is drawn.
    await page.focus('.step-list a[aria-current]');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 3');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Step 3/);
    await graphDrawn(page);
    expect(await page.textContent('.graph-canvas svg g.node.parameter')).toContain('return x + 2');
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 2');
    await graphDrawn(page);
    // The drawing is reachable with Tab; there the arrows scroll it and k/j still move.
    await page.focus('.graph-canvas');
    await page.keyboard.press('ArrowDown');
    expect(page.url()).toMatch(/#\/run\/finished\/step\/2$/);
    await page.keyboard.press('j');
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 3');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await lowContrastText(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('says so when a step has no graph (a run written before graphs were recorded)', async () => {
    const page = await openPage(`${server.url}#/run/running/step/1`);
    await rendered(page);
    expect(await page.getAttribute('.graph', 'data-graph-state')).toBe('none');
    expect(await page.textContent('.graph p')).toBe('No graph recorded for this step.');
    expect(await page.$('.graph svg')).toBeNull();
    await page.close();
  });

  it('shows HTML and <script> in prompts, replies, feedback, code and graph labels as text', async () => {
    const page = await openPage(`${server.url}#/run/hostile/step/1`);
    await rendered(page);
    await expectHostileShownAsText(page);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('compares two runs side by side', async () => {
    const page = await openPage(server.url);
    await rendered(page);
    await page.selectOption('#compare-a', 'finished');
    await page.selectOption('#compare-b', 'running');
    await page.click('text=Compare');
    await page.waitForFunction(() => document.getElementById('app')?.dataset.view === 'compare');
    const headings = await page.$$eval('.side-by-side h2', (h) => h.map((x) => x.textContent));
    expect(headings).toEqual(['A: demo/finished', 'B: demo/running']);
    const firstRow = await page.$$eval('table.compare-series tbody tr:first-child td', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(firstRow[0]).toBe('1');
    await page.close();
  });

  it('follows a running run: a step appended to events.jsonl appears without a reload', async () => {
    const page = await openPage(`${server.url}#/run/running`);
    await rendered(page);
    expect(await page.$$eval('.step-list li', (li) => li.length)).toBe(1);
    await appendRunningStep(join(folder, 'runs'), 2);
    await page.waitForFunction(
      () => document.querySelectorAll('.step-list li').length === 2,
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.textContent('[data-fact="status"]')).toBe('running');
    await page.close();
  });
});

/** Waits until the step's graph is laid out and in the page. */
async function graphDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.graph')?.getAttribute('data-graph-state') === 'drawn',
    undefined,
    { timeout: 20_000 },
  );
}

async function expectHostileShownAsText(page: Page): Promise<void> {
  await graphDrawn(page);
  // Labels holding markup are SVG text; the forged DOT's link, id, class and url() fill are gone.
  const labels = await page.$$eval('.graph-canvas svg text', (texts) =>
    texts.map((t) => t.textContent).join('\n'),
  );
  expect(labels).toContain('<script>window.__pwned = 3</script>');
  expect(labels).toContain('<img src=x onerror=window.__pwned=4>');
  expect(labels).toContain('bold');
  expect(
    await page.$$('.graph-canvas svg a, .graph-canvas svg [id], .graph-canvas svg [style]'),
  ).toHaveLength(0);
  expect(await page.$$('.graph-canvas svg .injected, .graph-canvas svg script')).toHaveLength(0);
  expect(
    await page.$$eval(
      '.graph-canvas svg *',
      (all) =>
        all.filter((e) =>
          [...e.attributes].some((a) => /javascript:|url\(|^on/i.test(`${a.name}=${a.value}`)),
        ).length,
    ),
  ).toBe(0);
  expect(await page.$$eval('.graph-canvas svg g.node.parameter', (g) => g.length)).toBe(1);
  const text = (await page.textContent('.step')) ?? '';
  expect(text).toContain('<script>window.__pwned = 1</script>');
  expect(text).toContain('<img src=x onerror=');
  expect(
    await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
  ).toBeUndefined();
  expect(await page.$('#injected')).toBeNull();
  expect(await page.$('img')).toBeNull();
  expect(
    await page.$$eval(
      'script',
      (scripts) =>
        scripts.filter((s) => s.type !== 'application/json' && s.textContent?.includes('__pwned'))
          .length,
    ),
  ).toBe(0);
  // The diff shows the hostile code on the right, as text.
  const right = await page.$$eval('table.diff td.right', (tds) =>
    tds.map((td) => td.textContent).join('\n'),
  );
  expect(right).toContain('<b id="injected">bold</b>');
}

describe('the static page in Chromium', () => {
  it('opens from a file without a server, shows the runs, a step and hostile text as text', async () => {
    const file = join(folder, 'viewer.html');
    await writeStaticViewer(file, [join(folder, 'runs')]);
    const page = await openPage(pathToFileURL(file).href);
    await rendered(page);
    expect(await page.$$eval('table.runs tbody tr', (trs) => trs.length)).toBe(3);
    expect(await page.$$eval('figure.chart svg path', (paths) => paths.length)).toBeGreaterThan(3);
    await page.goto(`${pathToFileURL(file).href}#/run/finished/step/2`);
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 2');
    await graphDrawn(page); // Graphviz from the page itself: a blob: worker, no server
    expect(await page.$$eval('.graph-canvas svg g.node.parameter', (g) => g.length)).toBe(1);
    await page.goto(`${pathToFileURL(file).href}#/run/hostile/step/1`);
    await page.waitForFunction(() => document.querySelector('.step h3')?.textContent === 'Step 1');
    await expectHostileShownAsText(page);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });
});
