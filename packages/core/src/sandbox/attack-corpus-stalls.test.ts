/**
 * Attack corpus, native stalls: code that spends its time inside one built-in call, where the
 * engine's own interrupt never runs. Each must end as a `timeout` failure shortly after its limit
 * (the host stops the worker thread), and the host's event loop must keep running between calls.
 * Bounds here are generous (limit + 1 s) so a loaded machine does not make them flaky; the tight
 * figure (limit + 100 ms) is measured by `pnpm bench:perf sandbox`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusCompiler, failureOf } from './attack-corpus.test-helper.js';

const limitMs = 300;
const slackMs = 1000;
const compile = corpusCompiler({ timeoutMs: limitMs });

/** Each source stalls inside one native built-in for seconds to minutes. */
const nativeStalls: ReadonlyArray<readonly [string, string]> = [
  ['indexOf, O(n·m)', "() => 'a'.repeat(6e4).indexOf('a'.repeat(3e4) + 'b')"],
  ['includes, O(n·m)', "() => 'a'.repeat(6e4).includes('a'.repeat(3e4) + 'b')"],
  ['split, O(n·m)', "() => 'a'.repeat(6e4).split('a'.repeat(3e4) + 'b').length"],
  ['replaceAll, O(n·m)', "() => 'a'.repeat(6e4).replaceAll('a'.repeat(3e4) + 'b', '').length"],
  ['join of a huge array-like', "() => Array.prototype.join.call({ length: 2 ** 31 }, '').length"],
  [
    'join of a huge sparse array',
    "() => { const a = []; a.length = 2 ** 31; return a.join('').length; }",
  ],
  [
    'reverse of a huge array-like',
    '() => Array.prototype.reverse.call({ length: 2 ** 40 }).length',
  ],
  [
    'copyWithin on a huge array-like',
    '() => Array.prototype.copyWithin.call({ length: 2 ** 40 }, 0, 1).length',
  ],
  ['indexOf on a huge array-like', '() => Array.prototype.indexOf.call({ length: 2 ** 40 }, 1)'],
  [
    'lastIndexOf on a huge array-like',
    '() => Array.prototype.lastIndexOf.call({ length: 2 ** 40 }, 1)',
  ],
  ['includes on a huge array-like', '() => Array.prototype.includes.call({ length: 2 ** 40 }, 1)'],
  ['catastrophic regular expression', "() => /^(a+)+$/.test('a'.repeat(40) + 'b')"],
];

let ticks: number[] = [];
let timer: ReturnType<typeof setInterval> | undefined;
beforeAll(() => {
  timer = setInterval(() => ticks.push(performance.now()), 5);
});
afterAll(() => clearInterval(timer));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('attack corpus: native stalls', () => {
  it.each(nativeStalls)(
    '%s ends as a timeout shortly after the limit, and the host timer keeps firing',
    { timeout: 60_000 },
    async (_name, source) => {
      const code = compile(source);
      await pause(20);
      ticks = [];
      const start = performance.now();
      const failure = failureOf(code);
      const elapsed = performance.now() - start;
      await pause(50);
      expect(failure.kind).toBe('timeout');
      expect(failure.message).toContain(`${limitMs} ms limit`);
      expect(elapsed).toBeLessThan(limitMs + slackMs);
      // The host thread was busy only for the call: the timer fired again right after it.
      const after = ticks.filter((tick) => tick >= start + elapsed);
      expect(after.length).toBeGreaterThan(0);
      expect(after[0]! - start).toBeLessThan(limitMs + slackMs);
      // The sandbox works again afterwards (a new worker replaces a stopped one).
      expect(compile('(x) => x * 2').call([21])).toBe(42);
    },
  );
});
