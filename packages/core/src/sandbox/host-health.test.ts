import { describe, expect, it } from 'vitest';
import { CodeExecutionError } from '../code/code-execution-error.js';
import type { CompiledCode } from '../code/code-runner.js';
import { createSandboxRunner } from './sandbox-runner.js';

const megabyte = 1024 * 1024;

/** One failing source per failure kind the sandbox can hit at run time. */
const failingSources: Array<[CodeExecutionError['kind'], string]> = [
  ['timeout', 'function act() { for (;;) {} }'],
  ['memory', 'function act() { const keep = []; for (;;) keep.push(new Array(100000).fill(1)); }'],
  ['stack-overflow', 'function act(n) { return act(n + 1) + 1; }'],
  ['thrown', 'function act() { throw new Error("boom"); }'],
  ['unavailable-global', 'function act() { return process.pid; }'],
  ['unserializable-result', 'function act() { return { f() {} }; }'],
  ['never-settled', 'function act() { return new Promise(() => {}); }'],
];

function kindOf(code: CompiledCode, args: unknown[]): string {
  try {
    code.call(args);
    return 'no failure';
  } catch (error) {
    return CodeExecutionError.isInstance(error) ? error.kind : `foreign error: ${String(error)}`;
  }
}

describe('host health after failures', () => {
  it('stays healthy after 200 failing calls: bounded memory, no leaked handles, next call works', {
    timeout: 240_000,
  }, async () => {
    // Only the timeout case gets a short limit: every built-in now counts against the limit, and a
    // loaded machine must not turn the memory case into a timeout.
    const quick = createSandboxRunner({ timeoutMs: 50, memoryBytes: 16 * megabyte });
    const patient = createSandboxRunner({ timeoutMs: 20_000, memoryBytes: 16 * megabyte });
    const codes = failingSources.map(([kind, source]) => ({
      kind,
      code: (kind === 'timeout' ? quick : patient).compile({ name: 'act', source }),
    }));
    const handlesBefore = process.getActiveResourcesInfo().length;
    // Warm up once per kind so that one-time costs (module compilation, JIT) are not counted.
    for (const { code } of codes) kindOf(code, [0]);
    const rssBefore = process.memoryUsage().rss;
    const seen = new Map<string, number>();
    for (let call = 0; call < 200; call += 1) {
      const entry = codes[call % codes.length]!;
      const kind = kindOf(entry.code, [0]);
      expect(kind).toBe(entry.kind);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    expect(seen.size).toBe(failingSources.length);
    expect(rssGrowth).toBeLessThan(256 * megabyte);
    // A call stopped from outside (on a loaded machine, a timeout the worker could not report in
    // time) replaces the worker and starts a spare: at most one more handle once stopped workers
    // have exited, which needs the event loop.
    for (let wait = 0; wait < 100; wait += 1) {
      if (process.getActiveResourcesInfo().length <= handlesBefore + 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(process.getActiveResourcesInfo().length).toBeLessThanOrEqual(handlesBefore + 1);
    for (const { code } of codes) code.dispose();
    const healthy = quick.compile({ name: 'act', source: '(board) => board.flat().length' });
    expect(healthy.call([[[1, 2], [3]]])).toBe(3);
    healthy.dispose();
  });

  it('recovers the same compiled version after each kind of failure', () => {
    const runner = createSandboxRunner({ timeoutMs: 1000, memoryBytes: 16 * megabyte });
    const code = runner.compile({
      name: 'act',
      source: `function act(mode) {
  if (mode === 'loop') for (;;) {}
  if (mode === 'memory') return new ArrayBuffer(64 * 1024 * 1024).byteLength;
  if (mode === 'deep') return act(mode) + 1;
  if (mode === 'pending') return new Promise(() => {});
  return 'ok:' + mode;
}`,
    });
    for (const [mode, kind] of [
      ['loop', 'timeout'],
      ['memory', 'memory'],
      ['deep', 'stack-overflow'],
      ['pending', 'never-settled'],
    ] as const) {
      expect(kindOf(code, [mode])).toBe(kind);
      expect(code.call([`after-${mode}`])).toBe(`ok:after-${mode}`);
    }
    code.dispose();
  });

  it('survives a host stack that is already deep when the code recurses', () => {
    const runner = createSandboxRunner({ timeoutMs: 200 });
    const code = runner.compile({
      name: 'act',
      source: 'function act(n) { return act(n + 1) + 1; }',
    });
    const kinds = new Set<string>();
    const descend = (depth: number): void => {
      if (depth > 0) {
        descend(depth - 1);
        return;
      }
      kinds.add(kindOf(code, [0]));
    };
    for (const depth of [0, 500, 1000, 2000, 4000]) descend(depth);
    expect([...kinds]).toEqual(['stack-overflow']);
    const healthy = runner.compile({ name: 'act', source: '() => "fine"' });
    expect(healthy.call([])).toBe('fine');
    healthy.dispose();
    code.dispose();
  });
});
