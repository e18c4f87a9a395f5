/// <reference lib="dom" />
/**
 * `pnpm bench:perf viewer`: the run viewer in real Chromium on a run of 1,000 steps and ~50 MB of
 * events (first view of a step, moving between steps with the keyboard), and a 5,000-node trace
 * graph rendered to SVG by `@trace/graphviz` (collapsed form).
 */
import { appendFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node, ops } from '@trace/core';
import { ancestors, toSvg } from '@trace/graphviz';
import { startViewerServer } from '@trace/viewer';
import { launchChromium, stepEvent, writeFixtureRuns } from '@trace/viewer/test-support';
import type { BenchmarkSuite } from './figure.js';
import { timeMs } from './figure.js';

const steps = 1000;
/** Prompt padding per step so that 1,000 steps make ~50 MB of events. */
const paddingPerStep = 50_000;
const moves = 30;

async function writeBigRun(folder: string): Promise<number> {
  await writeFixtureRuns(folder);
  const path = join(folder, 'running', 'events.jsonl');
  let lines = '';
  for (let step = 2; step <= steps; step++) {
    lines += `${JSON.stringify({ seq: step, time: new Date().toISOString(), ...stepEvent(step, { padding: paddingPerStep }) })}\n`;
    if (lines.length > 4_000_000) {
      await appendFile(path, lines);
      lines = '';
    }
  }
  await appendFile(path, lines);
  return (await stat(path)).size;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const suite: BenchmarkSuite = {
  name: 'viewer',
  async run(report) {
    const folder = await mkdtemp(join(tmpdir(), 'trace-viewer-bench-'));
    const browser = await launchChromium();
    try {
      await mkdir(join(folder, 'runs'));
      const bytes = await writeBigRun(join(folder, 'runs'));
      report({
        name: 'viewer: events.jsonl of the 1,000-step run',
        value: Math.round(bytes / 1e6),
        unit: 'MB',
      });
      const server = await startViewerServer(join(folder, 'runs'));
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const shown = (step: number) =>
          page.waitForFunction(
            (n) => document.querySelector('.step h3')?.textContent === `Step ${n}`,
            step,
            { timeout: 60_000, polling: 'raf' },
          );
        const firstView = await timeMs(async () => {
          await page.goto(`${server.url}#/run/running/step/1`);
          await shown(1);
        });
        report({
          name: 'viewer: first view of a step (1,000 steps, cold server read)',
          value: Math.round(firstView),
          unit: 'ms',
          target: '<= 2000 ms',
          met: firstView <= 2000,
        });
        await page.focus('.step-list a[aria-current]');
        // In the page: from the key press to the next frame after the new step is in the DOM.
        const inPage: number[] = [];
        const roundTrips: number[] = [];
        for (let move = 1; move <= moves; move++) {
          await page.evaluate((expected) => {
            const w = window as unknown as { moveMs?: number };
            w.moveMs = undefined;
            let start = 0;
            window.addEventListener('keydown', () => (start = performance.now()), {
              capture: true,
              once: true,
            });
            const observer = new MutationObserver(() => {
              if (document.querySelector('.step h3')?.textContent !== `Step ${expected}`) return;
              observer.disconnect();
              requestAnimationFrame(() => (w.moveMs = performance.now() - start));
            });
            observer.observe(document.getElementById('app')!, { childList: true, subtree: true });
          }, move + 1);
          roundTrips.push(
            await timeMs(async () => {
              await page.keyboard.press('ArrowDown');
              await shown(move + 1);
            }),
          );
          await page.waitForFunction(
            () => (window as unknown as { moveMs?: number }).moveMs !== undefined,
          );
          inPage.push(await page.evaluate(() => (window as unknown as { moveMs: number }).moveMs));
        }
        const typical = median(inPage);
        report({
          name: `viewer: key press to next step shown, median of ${moves}`,
          value: Math.round(typical),
          unit: 'ms',
          target: '<= 100 ms',
          met: typical <= 100,
        });
        report({
          name: `viewer: key press to next step shown, slowest of ${moves}`,
          value: Math.round(Math.max(...inPage)),
          unit: 'ms',
        });
        report({
          name: `viewer: same, measured from the test driver (+ CDP round trips), median`,
          value: Math.round(median(roundTrips)),
          unit: 'ms',
        });
        await page.close();
      } finally {
        await server.close();
      }
    } finally {
      await browser.close();
      await rm(folder, { recursive: true, force: true });
    }

    const graphNodes = (additions: number) => {
      let value = ops.add(node(1, { name: 'weight', trainable: true }), 0);
      for (let i = 1; i <= additions; i++) value = ops.add(value, i);
      return value;
    };
    const large = graphNodes(2499);
    const largeCount = ancestors(large).length;
    const graphMs = await timeMs(() => toSvg(large));
    report({
      name: `graphviz: ${largeCount}-node trace graph to SVG (collapsed form)`,
      value: Math.round(graphMs),
      unit: 'ms',
      target: '<= 3000 ms',
      met: graphMs <= 3000,
    });
    const medium = graphNodes(249);
    const mediumCount = ancestors(medium).length;
    const fullMs = await timeMs(() => toSvg(medium, { maxNodes: 10_000 }));
    report({
      name: `graphviz: ${mediumCount}-node trace graph to SVG (drawn in full)`,
      value: Math.round(fullMs),
      unit: 'ms',
    });
  },
};

export default suite;
