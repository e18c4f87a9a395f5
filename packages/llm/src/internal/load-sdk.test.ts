import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../errors/configuration-error.js';
import { lazySdk } from './load-sdk.js';

const missing = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /app/index.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

describe('provider SDKs are optional peers, loaded on first use', () => {
  it('a missing SDK is a ConfigurationError naming the package to install', async () => {
    const load = lazySdk('openai', '^6', () => Promise.reject(missing('openai')));
    const error = await load().catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/needs the package openai.*npm install openai@\^6/);
  });

  it('loads once and shares the result; a failure is not remembered', async () => {
    let attempts = 0;
    const load = lazySdk('x', '^1', async () => {
      attempts += 1;
      if (attempts === 1) throw missing('x');
      return { loaded: attempts };
    });
    await expect(load()).rejects.toThrow(ConfigurationError);
    const [first, second] = await Promise.all([load(), load()]);
    expect(first).toBe(second);
    expect(attempts).toBe(2);
  });

  it('other import errors pass through unchanged', async () => {
    const broken = new SyntaxError('Unexpected token');
    const load = lazySdk('openai', '^6', () => Promise.reject(broken));
    await expect(load()).rejects.toBe(broken);
  });

  it('no source file imports an SDK at module load (only `import type` and dynamic import())', () => {
    const root = join(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'),
    );
    const offenders = files.filter((name) =>
      /^import\s+(?!type\b)[^;]*from\s+['"](openai|@anthropic-ai\/sdk)['"]/m.test(
        readFileSync(join(root, name), 'utf8'),
      ),
    );
    expect(files.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
