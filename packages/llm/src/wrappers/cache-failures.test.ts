import { describe, expect, it, vi } from 'vitest';
import { StorageError } from '../errors/storage-error.js';
import { complete } from '../spec/complete.js';
import { MockLLM } from '../test/mock-llm.js';
import type { CacheStore } from './cache-store.js';
import { withCache } from './with-cache.js';

const failingStore = (fail: { get?: boolean; set?: boolean }): CacheStore => ({
  async get() {
    if (fail.get) throw new StorageError({ path: '/x', message: 'Cannot read the cache file.' });
    return undefined;
  },
  async set() {
    if (fail.set) throw new StorageError({ path: '/x', message: 'No space left on device.' });
  },
});

describe('withCache when the cache fails', () => {
  it('returns the paid answer when writing the cache fails, and reports the failure', async () => {
    const inner = new MockLLM({ responses: 'the answer' });
    const errors: unknown[] = [];
    const model = withCache(inner, {
      store: failingStore({ set: true }),
      onCacheError: (error) => errors.push(error),
    });
    const response = await complete(model, 'hi');
    expect(response.text).toBe('the answer');
    expect(inner.callCount).toBe(1);
    expect(errors).toHaveLength(1);
    expect(StorageError.isInstance(errors[0])).toBe(true);
  });

  it('treats a failed lookup as a miss', async () => {
    const inner = new MockLLM({ responses: 'fresh' });
    const errors: unknown[] = [];
    const model = withCache(inner, {
      store: failingStore({ get: true }),
      onCacheError: (error) => errors.push(error),
    });
    expect((await complete(model, 'hi')).text).toBe('fresh');
    expect(errors).toHaveLength(1);
  });

  it('warns once by default, however many writes fail', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const model = withCache(new MockLLM(), { store: failingStore({ set: true }) });
      await Promise.all(Array.from({ length: 5 }, (_, index) => complete(model, `q${index}`)));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/No space left on device/);
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses unknown options and both or neither of store and directory', () => {
    const store = failingStore({});
    expect(() => withCache(new MockLLM(), { store, directroy: 'x' } as never)).toThrow(
      /unknown option "directroy"/,
    );
    expect(() => withCache(new MockLLM(), { store, directory: 'x' } as never)).toThrow(
      /exactly one of store and directory/,
    );
    expect(() => withCache(new MockLLM(), {} as never)).toThrow(/exactly one/);
  });
});
