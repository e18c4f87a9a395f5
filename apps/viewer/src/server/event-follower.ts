import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseEvents, type RunEvent, runFiles } from '@trace/trainer';

/**
 * Follows one run's `events.jsonl`: each {@link EventFollower.refresh} reads only the bytes appended
 * since the last one and parses the complete lines (a last line without its newline waits for the
 * next refresh). When the file shrinks (a resumed run cut it back), it is read again from the start.
 * An invalid line throws (naming the file and line) on this and every later refresh.
 */
export class EventFollower {
  private offset = 0;
  private pending: Buffer = Buffer.alloc(0);
  private readonly list: RunEvent[] = [];

  constructor(private readonly directory: string) {}

  /** The events read so far, in order. */
  get events(): readonly RunEvent[] {
    return this.list;
  }

  /** True when the file ends in a line without its newline (still being written, or cut short). */
  get truncatedTail(): boolean {
    return this.pending.length > 0;
  }

  /** Reads what was appended since the last call; returns true when there were new events. */
  async refresh(): Promise<boolean> {
    const path = join(this.directory, runFiles.events);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    if (size < this.offset + this.pending.length) {
      this.offset = 0;
      this.pending = Buffer.alloc(0);
      this.list.length = 0;
    }
    const start = this.offset + this.pending.length;
    if (size === start) return false;
    const handle = await open(path, 'r');
    let chunk: Buffer;
    try {
      chunk = Buffer.alloc(size - start);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, start);
      chunk = chunk.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const lastNewline = data.lastIndexOf(10);
    if (lastNewline < 0) {
      this.pending = data;
      return false;
    }
    const complete = data.subarray(0, lastNewline + 1).toString('utf8');
    // Parse before moving on: an invalid line throws here and again on every refresh (never skipped).
    const { events } = parseEvents(complete, `${path} (from line ${this.list.length + 1})`);
    this.pending = Buffer.from(data.subarray(lastNewline + 1));
    this.offset += lastNewline + 1;
    for (const event of events) this.list.push(event);
    return events.length > 0;
  }
}
