import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` through a temporary file and a rename, so a reader (or a resume after
 * `kill -9`) sees the old file or the new one, never half of one. With `durable`, the data is also
 * flushed to the disk before the rename (survives a power loss; costs an fsync, tens of ms on a busy
 * disk).
 */
export async function writeAtomic(path: string, text: string, durable: boolean): Promise<void> {
  if (!durable) {
    writeAtomicSync(path, text);
    return;
  }
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

/**
 * The same without the flush, synchronously: a few system calls on a small file cost less than the
 * thread-pool round trips of their asynchronous forms (a run writes `final.json` and its checkpoints
 * between steps, never in the middle of one).
 */
function writeAtomicSync(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, text, 'utf8');
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
