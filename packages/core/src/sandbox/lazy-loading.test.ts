/**
 * A graph-only user of `@trace/core` must load neither the WebAssembly engine nor the TypeScript
 * transpiler: both are reached only from the sandbox worker or on first use (issue 12).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const staticImport = /^\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/gms;

/** Every package a static import reaches from `entry`, following the package's own files. */
function packagesReachedFrom(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(staticImport)) {
      const specifier = match[1]!;
      if (/^import\s+type\s/.test(match[0].trim())) continue;
      if (specifier.startsWith('.')) {
        pending.push(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      } else {
        packages.add(specifier);
      }
    }
  }
  return packages;
}

describe('what importing @trace/core loads', () => {
  it('reaches neither quickjs-wasi, sucrase nor acorn from index.ts', () => {
    const packages = packagesReachedFrom(join(sourceRoot, 'index.ts'));
    expect(packages.has('node:async_hooks')).toBe(true); // the walk does reach dependencies
    expect(packages.has('acorn')).toBe(false); // loaded when a function is first parsed
    expect(packages.has('quickjs-wasi')).toBe(false);
    expect(packages.has('sucrase')).toBe(false);
  });

  it('reaches quickjs-wasi from the worker entry', () => {
    expect(
      packagesReachedFrom(join(sourceRoot, 'sandbox', 'worker-main.ts')).has('quickjs-wasi'),
    ).toBe(true);
  });
});
