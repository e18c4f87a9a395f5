import { realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

/** Why a requested path was refused. */
export class PathRefusedError extends Error {
  override readonly name = 'PathRefusedError';
}

/**
 * Resolves a `/`-separated, percent-encoded path (as it came in a URL) inside `root`, or throws
 * {@link PathRefusedError}. Refused: `.` and `..` segments (also percent-encoded, double-encoded
 * or with backslashes), NUL bytes, absolute paths, and anything whose real path (symlinks followed)
 * is outside the real path of `root`. Returns the real path of the target (which must exist).
 */
export async function resolveInside(root: string, encodedPath: string): Promise<string> {
  const segments: string[] = [];
  for (const raw of encodedPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      throw new PathRefusedError(`malformed percent-encoding in ${JSON.stringify(raw)}`);
    }
    if (
      segment === '.' ||
      segment === '..' ||
      segment.includes('/') ||
      segment.includes('\\') ||
      segment.includes('\0') ||
      segment.includes('%') ||
      isAbsolute(segment)
    ) {
      throw new PathRefusedError(`path segment ${JSON.stringify(segment)} is not allowed`);
    }
    segments.push(segment);
  }
  const rootReal = await realpath(root);
  let target: string;
  try {
    target = await realpath(join(rootReal, ...segments));
  } catch {
    throw new PathRefusedError('no such file in the served folder');
  }
  const rel = relative(rootReal, target);
  if (rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    throw new PathRefusedError('the path leads outside the served folder');
  }
  return target;
}
