/** Packs the published packages into tarballs, as `pnpm publish` would (workspace: ranges rewritten). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { publishedPackages, type WorkspacePackage } from './workspace-packages.js';

/** One packed package. */
export interface PackedPackage {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the `.tgz`. */
  readonly tarball: string;
  readonly source: WorkspacePackage;
}

/**
 * Packs every published package into `destination` with `pnpm pack`. The packages must be built
 * (`pnpm build`): a package without `dist/` is an error that says so, since its tarball would be
 * missing its code.
 */
export function packPackages(destination: string): PackedPackage[] {
  mkdirSync(destination, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const pkg of publishedPackages()) {
    if (!existsSync(join(pkg.directory, 'dist'))) {
      throw new Error(`${pkg.name} has no dist/ folder: run \`pnpm build\` first.`);
    }
    const before = new Set(readdirSync(destination));
    execFileSync('pnpm', ['pack', '--pack-destination', destination], {
      cwd: pkg.directory,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const created = readdirSync(destination).filter(
      (file) => file.endsWith('.tgz') && !before.has(file),
    );
    const expected = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`;
    const tarball = created.includes(expected) ? expected : created[0];
    if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}.`);
    packed.push({
      name: pkg.name,
      version: pkg.version,
      tarball: join(destination, tarball),
      source: pkg,
    });
  }
  return packed;
}
