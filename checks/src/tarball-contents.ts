/** Reads a packed tarball's file list and manifest, and says what is wrong with them. */
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';

/** The file list (without the `package/` prefix) and the manifest of a tarball. */
export interface TarballContents {
  readonly files: readonly string[];
  readonly manifest: Record<string, unknown>;
}

/** Lists `tarball` and reads its package.json (uses the system `tar`). */
export function readTarball(tarball: string): TarballContents {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
  ) as Record<string, unknown>;
  return { files, manifest };
}

/** Reads one file of a tarball as text. */
export function readTarballFile(tarball: string, file: string): string {
  return execFileSync('tar', ['-xzOf', tarball, `package/${file}`], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
}

const dependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** Every dependency the manifest declares (dependencies, peer and optional), name to range. */
export function declaredDependencies(manifest: Record<string, unknown>): Map<string, string> {
  const declared = new Map<string, string>();
  for (const field of dependencyFields) {
    const entries = (manifest[field] ?? {}) as Record<string, string>;
    for (const [name, range] of Object.entries(entries)) declared.set(name, range);
  }
  return declared;
}

/**
 * What is wrong with a tarball: files it must carry, ranges that only mean something inside the
 * workspace, `@trace/*` dependencies that are not published, export targets missing from it, and
 * packages its built code imports without declaring them. An empty list means it is fine.
 */
export function tarballProblems(
  contents: TarballContents,
  options: {
    readonly name: string;
    readonly requiredFiles: readonly string[];
    readonly publishedNames: ReadonlySet<string>;
    readonly readFile: (file: string) => string;
  },
): string[] {
  const problems: string[] = [];
  const files = new Set(contents.files);
  for (const file of options.requiredFiles) {
    if (!files.has(file)) problems.push(`${options.name}: the tarball has no ${file}`);
  }
  const declared = declaredDependencies(contents.manifest);
  for (const [dependency, range] of declared) {
    if (/^(workspace|link|file|portal):/.test(range)) {
      problems.push(
        `${options.name}: dependency ${dependency} has the workspace-only range "${range}"`,
      );
    }
    if (dependency.startsWith('@trace/') && !options.publishedNames.has(dependency)) {
      problems.push(
        `${options.name}: depends on ${dependency}, which is not published (private or missing)`,
      );
    }
  }
  for (const target of exportTargets(contents.manifest.exports)) {
    if (target.includes('*')) continue;
    const file = target.replace(/^\.\//, '');
    if (!files.has(file))
      problems.push(`${options.name}: exports names ${target}, not in the tarball`);
  }
  for (const file of contents.files) {
    if (!/^dist\/.*\.(c?js|d\.c?ts)$/.test(file)) continue;
    for (const specifier of importedPackages(options.readFile(file))) {
      if (specifier === options.name || declared.has(specifier)) continue;
      problems.push(
        `${options.name}: ${file} imports ${specifier}, which package.json does not declare`,
      );
    }
  }
  return [...new Set(problems)];
}

/** Every file an `exports` map points to, except the `@trace/source` condition (never published). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (typeof exports !== 'object' || exports === null) return [];
  return Object.entries(exports).flatMap(([key, value]) =>
    key === '@trace/source' ? [] : exportTargets(value),
  );
}

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The package names a built file imports or requires (bare specifiers, node builtins left out). */
export function importedPackages(code: string): Set<string> {
  const found = new Set<string>();
  const patterns = [
    /\bfrom\s*["']([^"'./][^"']*)["']/g,
    /\bimport\s*\(\s*["']([^"'./][^"']*)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"'./][^"']*)["']\s*\)/g,
    /^\s*import\s*["']([^"'./][^"']*)["']/gm,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) {
      const specifier = match[1]!;
      if (builtins.has(specifier) || specifier.startsWith('node:')) continue;
      // Text that only looks like an import (an error message quoting "from '${name}'").
      if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.@-]+)*$/i.test(specifier)) continue;
      const parts = specifier.split('/');
      found.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!);
    }
  }
  return found;
}
