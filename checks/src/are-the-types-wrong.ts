/** Runs are-the-types-wrong (`@arethetypeswrong/cli`, pinned in the root package.json) on a tarball. */
import { execFileSync } from 'node:child_process';
import type { CheckResult } from './install-scenario.js';
import { repositoryRoot } from './workspace-packages.js';

/** Runs are-the-types-wrong on a tarball: types for node10, node16 (ESM and CJS) and bundler. */
export function areTheTypesWrong(name: string, tarball: string): CheckResult {
  const check = `${name}: are-the-types-wrong (node10, node16 ESM and CJS, bundler)`;
  try {
    execFileSync('pnpm', ['exec', 'attw', tarball, '--format', 'ascii'], {
      cwd: repositoryRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { name: check, ok: true };
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return { name: check, ok: false, detail: `${stdout}${stderr}` };
  }
}
