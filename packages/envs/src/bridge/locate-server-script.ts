import { join } from 'node:path';
import { locatePackagePath } from '../internal/locate-package-path.js';

/** File name of the Python entry point, inside the package's `python/` folder. */
export const SERVER_SCRIPT_NAME = 'trace_bridge_server.py';

/**
 * Finds `python/trace_bridge_server.py` of the @trace/envs package by walking up from this
 * module's own location, so it works from `src/bridge/` (tests, source condition) and from
 * `dist/` (published builds, ESM or CJS). Returns undefined when it is not there (a broken
 * install); the caller turns that into a start error.
 */
export function locateServerScript(from: string = import.meta.url): string | undefined {
  return locatePackagePath(join('python', SERVER_SCRIPT_NAME), from);
}
