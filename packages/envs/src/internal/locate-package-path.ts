import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a file or folder shipped with the @trace/envs package (e.g. `python/trace_bridge_server.py`
 * or `data/bbh`) by walking up from `from` (a module URL or path). Works from `src/<area>/` (tests,
 * the source condition) and from `dist/` (published builds, ESM or CJS; tsup shims
 * `import.meta.url` in CJS). Returns undefined when it is not there (a broken install); callers turn
 * that into an error that says so.
 */
export function locatePackagePath(relativePath: string, from: string): string | undefined {
  let directory = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (let level = 0; level < 6; level += 1) {
    const candidate = join(directory, relativePath);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) break;
    directory = parent;
  }
  return undefined;
}
