import { join } from 'node:path';
import { locatePackagePath } from '../internal/locate-package-path.js';
import { BbhError } from './bbh-error.js';

/**
 * The folder of BBH data files shipped with this package (`data/bbh`: the 27 official files of the
 * BIG-Bench-Hard repository and their MIT `LICENSE`), for `loadBbhTask` and `loadBbhTasks`.
 * Throws a `BbhError` (`FILE_NOT_FOUND`) when the folder is missing, which only a broken install
 * causes.
 *
 * @example
 * const data = await loadBbhTask(bundledBbhDataDirectory(), 'navigate');
 */
export function bundledBbhDataDirectory(from: string = import.meta.url): string {
  const found = locatePackagePath(join('data', 'bbh'), from);
  if (found === undefined) {
    throw new BbhError(
      'FILE_NOT_FOUND',
      'The BBH data folder shipped with @trace/envs (data/bbh) is missing: reinstall the package, ' +
        'or fetch the files with downloadBbhData({ directory }) and load them from there.',
    );
  }
  return found;
}
