import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BbhError } from './bbh-error.js';
import { BBH_OFFICIAL_BASE_URL, downloadBbhData } from './download.js';
import { loadBbhTask } from './load-task.js';

const validFile = JSON.stringify({ canary: 'c', examples: [{ input: 'q', target: 'Yes' }] });

function fakeFetch(respond: (url: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    calls.push(url);
    return respond(url);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bbh-download-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('downloadBbhData', () => {
  it('fetches the official files and LICENSE, checks them, and writes them', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.endsWith('LICENSE') ? new Response('MIT License') : new Response(validFile),
    );
    const result = await downloadBbhData({ directory, fetch, files: ['navigate', 'snarks.json'] });
    expect(calls).toEqual([
      `${BBH_OFFICIAL_BASE_URL}/bbh/navigate.json`,
      `${BBH_OFFICIAL_BASE_URL}/bbh/snarks.json`,
      `${BBH_OFFICIAL_BASE_URL}/LICENSE`,
    ]);
    expect(result).toEqual({
      written: ['navigate.json', 'snarks.json', 'LICENSE'],
      skipped: [],
    });
    expect((await loadBbhTask(directory, 'navigate')).examples).toEqual([
      { input: 'q', target: 'Yes' },
    ]);
    expect(await readFile(join(directory, 'LICENSE'), 'utf8')).toBe('MIT License');
  });

  it('keeps existing files unless asked to overwrite', async () => {
    await writeFile(join(directory, 'navigate.json'), validFile);
    const { fetch, calls } = fakeFetch(() => new Response(validFile));
    const result = await downloadBbhData({ directory, fetch, files: ['navigate'] });
    expect(result.skipped).toEqual(['navigate.json']);
    expect(calls).toEqual([`${BBH_OFFICIAL_BASE_URL}/LICENSE`]);
    const again = await downloadBbhData({ directory, fetch, files: ['navigate'], overwrite: true });
    expect(again.written).toEqual(['navigate.json', 'LICENSE']);
  });

  it('refuses a malformed file without writing it', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>rate limited</html>'));
    await expect(downloadBbhData({ directory, fetch, files: ['navigate'] })).rejects.toThrow(
      /not valid JSON/,
    );
    await expect(readFile(join(directory, 'navigate.json'))).rejects.toThrow(/ENOENT/);
  });

  it('reports HTTP and network failures, retryable when they may pass', async () => {
    const notFound = fakeFetch(() => new Response('', { status: 404 }));
    const error404 = await downloadBbhData({
      directory,
      fetch: notFound.fetch,
      files: ['navigate'],
    }).catch((caught: unknown) => caught);
    expect(BbhError.isInstance(error404)).toBe(true);
    expect(error404).toMatchObject({ code: 'DOWNLOAD_FAILED', isRetryable: false });
    expect((error404 as Error).message).toMatch(/HTTP 404/);

    const serverError = fakeFetch(() => new Response('', { status: 503 }));
    await expect(
      downloadBbhData({ directory, fetch: serverError.fetch, files: ['navigate'] }),
    ).rejects.toMatchObject({ isRetryable: true });

    const offline = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const networkError = await downloadBbhData({ directory, fetch: offline.fetch }).catch(
      (caught: unknown) => caught,
    );
    expect(networkError).toMatchObject({ code: 'DOWNLOAD_FAILED', isRetryable: true });
    expect((networkError as Error).cause).toBeInstanceOf(TypeError);
    expect(offline.calls).toHaveLength(1);

    const refused = fakeFetch(() => {
      throw new TypeError('The connection was refused.');
    });
    const refusedError = await downloadBbhData({ directory, fetch: refused.fetch }).catch(
      (caught: unknown) => caught,
    );
    expect((refusedError as Error).message).toContain(
      'The connection was refused. Check the network',
    );
  });

  it('rejects unknown file names before any request', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(validFile));
    await expect(downloadBbhData({ directory, fetch, files: ['chess'] })).rejects.toThrow(
      /not a Big-Bench Hard data file/,
    );
    expect(calls).toEqual([]);
  });

  it('passes a timeout signal to every request', async () => {
    const signals: unknown[] = [];
    const fetch = (async (_input: unknown, init?: RequestInit) => {
      signals.push(init?.signal);
      return new Response(validFile);
    }) as typeof globalThis.fetch;
    await downloadBbhData({ directory, fetch, files: ['navigate'], timeoutMs: 5 });
    expect(signals.every((signal) => signal instanceof AbortSignal)).toBe(true);
  });
});
