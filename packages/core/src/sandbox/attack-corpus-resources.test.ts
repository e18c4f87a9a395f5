/**
 * Attack corpus, resources: code that loops, allocates or waits forever. Each case asserts that it
 * is stopped (the host keeps working) and the feedback text the optimizer will read.
 */
import { describe, expect, it } from 'vitest';
import {
  corpusCompiler,
  expectHealthyAfterwards,
  failureOf,
  megabyte,
  timeoutMs,
} from './attack-corpus.test-helper.js';

const compile = corpusCompiler();
/** Enough time to reach the memory limit by small steps. */
const compilePatiently = corpusCompiler({ timeoutMs: 20_000 });

describe('attack corpus: resources', () => {
  it('1. stops an infinite loop at the time limit', () => {
    const code = compile('function act() {\n  let i = 0;\n  while (true) { i++; }\n}');
    const failure = failureOf(code);
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain(`${timeoutMs} ms limit`);
    expect(failure.message).toContain('Avoid unbounded loops');
    expectHealthyAfterwards(compile, code);
  });

  it('2. stops a busy loop inside a promise job', () => {
    const code = compile('async function act() {\n  await null;\n  for (;;) {}\n}');
    const failure = failureOf(code);
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('async continuation');
  });

  it('3. reports a promise that never settles', () => {
    const code = compile('async function act() {\n  await new Promise(() => {});\n  return 1;\n}');
    const failure = failureOf(code);
    expect(failure.kind).toBe('never-settled');
    expect(failure.message).toContain('never settled');
    expect(failure.message).toContain('resolve()');
  });

  it('4. refuses a 1 GB buffer', () => {
    const before = process.memoryUsage().rss;
    const code = compile(
      'function act() {\n  const buffer = new ArrayBuffer(1024 * 1024 * 1024);\n  return buffer.byteLength;\n}',
    );
    const failure = failureOf(code);
    expect(failure.kind).toBe('memory');
    expect(failure.message).toContain('64 MB');
    expect(failure.line).toBe(2);
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * megabyte);
  });

  it('5. stops 1 GB built from many small strings at the memory limit', { timeout: 30_000 }, () => {
    const before = process.memoryUsage().rss;
    const code = compilePatiently(`function act() {
  const parts = [];
  for (let i = 0; i < 1e8; i++) parts.push('chunk-' + i + '-'.repeat(4000));
  return parts.length;
}`);
    const failure = failureOf(code);
    expect(failure.kind).toBe('memory');
    expect(failure.message).toContain('Build smaller data');
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * megabyte);
  });

  it('6. stops a huge array', () => {
    const code = compilePatiently('function act() {\n  return new Array(1e9).fill(0).length;\n}');
    const failure = failureOf(code);
    expect(failure.kind).toBe('memory');
    expect(failure.line).toBe(2);
  });

  it('7. reports deep recursion as a stack overflow with the line', () => {
    const code = compile('function act(n) {\n  return 1 + act(n + 1);\n}');
    const failure = failureOf(code, [0]);
    expect(failure.kind).toBe('stack-overflow');
    expect(failure.line).toBe(2);
    expect(failure.message).toContain('base case');
    expectHealthyAfterwards(compile, code);
  });

  it('16. a try/catch cannot swallow the timeout', () => {
    const code = compile(
      'function act() {\n  try { while (true) {} } catch (error) { return "escaped"; }\n  finally { return "escaped too"; }\n}',
    );
    expect(failureOf(code).kind).toBe('timeout');
  });

  it('17. a thrown object whose getters loop forever is still stopped', () => {
    const code = compile(
      'function act() {\n  throw { get message() { for (;;) {} }, get name() { return "Trap"; } };\n}',
    );
    expect(failureOf(code).kind).toBe('timeout');
  });

  it('18. a result with a looping getter is stopped while it is copied out', () => {
    const code = compile('function act() {\n  return { get cells() { while (true) {} } };\n}');
    expect(failureOf(code).kind).toBe('timeout');
  });

  it('22. a flood of microtasks that never ends is stopped', () => {
    const code = compile(
      'function act() {\n  const again = () => queueMicrotask(again);\n  again();\n  return 1;\n}',
    );
    expect(failureOf(code).kind).toBe('timeout');
  });

  it('23. an endless await loop is stopped', () => {
    const code = compile('async function act() {\n  for (;;) await null;\n}');
    const failure = failureOf(code);
    expect(failure.kind).toBe('timeout');
    expect(failure.message).toContain('async continuation');
  });
});
