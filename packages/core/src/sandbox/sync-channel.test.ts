/**
 * The channel between the host and the sandbox worker, with both ends in this thread: a message is
 * always sent before it is received, so no side ever has to wait for the other.
 */
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannelBuffer, inlineCapacityBytes, SyncChannel } from './sync-channel.js';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

function channelPair(): { host: SyncChannel; worker: SyncChannel } {
  const buffer = createChannelBuffer();
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  return { host: new SyncChannel(buffer, port1, 0), worker: new SyncChannel(buffer, port2, 1) };
}

/** Texts around the capacity of the shared buffer, in 1-, 2-, 3- and 4-byte UTF-8 characters. */
const boundaryTexts: ReadonlyArray<readonly [string, string]> = [
  ['empty', ''],
  ['exactly the capacity in ASCII', 'a'.repeat(inlineCapacityBytes)],
  ['one byte over the capacity', 'a'.repeat(inlineCapacityBytes + 1)],
  ['2-byte characters just under the capacity', 'é'.repeat(inlineCapacityBytes / 2 - 1)],
  ['2-byte characters one byte over', `${'é'.repeat(inlineCapacityBytes / 2)}a`],
  ['3-byte characters, few characters but too many bytes', '€'.repeat(inlineCapacityBytes / 2)],
  ['a 4-byte character straddling the capacity', `${'a'.repeat(inlineCapacityBytes - 2)}😀`],
  ['mixed scripts and emoji', 'héllo 世界 😀 \u0000 \u2028\u2029 \uFEFF'.repeat(1000)],
];

describe('SyncChannel', () => {
  it.each(boundaryTexts)('carries %s unchanged in both directions', (_name, text) => {
    const { host, worker } = channelPair();
    host.send(text);
    expect(worker.receive(1000)).toBe(text);
    worker.send(text);
    expect(host.receive(1000)).toBe(text);
  });

  it('keeps lone surrogates, which UTF-8 cannot carry', () => {
    const { host, worker } = channelPair();
    for (const text of ['\ud800', 'a\udc00b', '😀'.slice(0, 1), `${'x'.repeat(100)}\udfff`]) {
      host.send(text);
      expect(worker.receive(1000)).toBe(text);
      worker.send(text);
      expect(host.receive(1000)).toBe(text);
    }
  });

  it('delivers 1,000 alternating messages in order, switching between memory and port', () => {
    const { host, worker } = channelPair();
    const big = 'b'.repeat(inlineCapacityBytes + 10);
    for (let index = 0; index < 1000; index += 1) {
      const request = index % 97 === 0 ? `${index}${big}` : `request ${index}`;
      host.send(request);
      expect(worker.receive(1000)).toBe(request);
      const answer = index % 89 === 0 ? `${index}\ud800${big}` : `answer ${index} é`;
      worker.send(answer);
      expect(host.receive(1000)).toBe(answer);
    }
  });

  it('gives up after the timeout when no message comes, and still receives the next one', () => {
    const { host, worker } = channelPair();
    const start = performance.now();
    expect(host.receive(30)).toBeUndefined();
    expect(performance.now() - start).toBeGreaterThanOrEqual(29);
    expect(host.receive(0)).toBeUndefined();
    worker.send('late');
    expect(host.receive(0)).toBe('late');
  });
});
