import { describe, expect, it } from 'vitest';
import { PythonStartError } from './python-start-error.js';

describe('PythonStartError', () => {
  it('quotes a reason that ends with a period without adding a second one', () => {
    const error = new PythonStartError({
      code: 'START_FAILED',
      environmentId: 'env',
      python: 'python3',
      reason: 'The process broke the bridge protocol. The process was stopped; call restart().',
    });
    expect(error.message).toContain('call restart(). Install Python 3.8 or newer');
    expect(error.message).not.toMatch(/\)\.\s*\./);
  });

  it('ends a reason without punctuation with one period', () => {
    const error = new PythonStartError({
      code: 'START_TIMEOUT',
      environmentId: 'env',
      python: 'python3',
      reason: 'no handshake within 100 ms',
    });
    expect(error.message).toContain('no handshake within 100 ms. Raise startupTimeoutMs');
  });
});
