import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` through a temporary file and a rename, so a reader (or a resume after
 * `kill -9`) sees the old file or the new one, never half of one. With `durable`, the data is also
 * flushed to the disk before the rename (survives a power loss; costs an fsync, tens of ms on a busy
 * disk).
 */
export async function writeAtomic(path: string, text: string, durable: boolean): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flush: durable });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
