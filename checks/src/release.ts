/**
 * `pnpm release`: the changesets release path. Builds every package, runs publint, packs each
 * published package into `release/` (the tarballs that would be published), checks each tarball
 * (LICENSE, README, exports, declared dependencies) and runs are-the-types-wrong on it. With
 * `--publish` it then runs `changeset publish`. Version first with `pnpm version-packages`.
 * Exits 1 (and publishes nothing) when a check fails.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { areTheTypesWrong } from './are-the-types-wrong.js';
import { packPackages } from './pack-packages.js';
import { readTarball, readTarballFile, tarballProblems } from './tarball-contents.js';
import { repositoryRoot } from './workspace-packages.js';

const publish = process.argv.includes('--publish');
const destination = join(repositoryRoot, 'release');
const run = (args: readonly string[]) =>
  execFileSync('pnpm', args, { cwd: repositoryRoot, stdio: 'inherit' });

run(['build']);
run(['check:publish']);
rmSync(destination, { recursive: true, force: true });
const packed = packPackages(destination);
const publishedNames = new Set(packed.map((pkg) => pkg.name));
let failures = 0;
for (const pkg of packed) {
  const requiredFiles = ['package.json', 'README.md', 'LICENSE'];
  if (pkg.name === '@trace/core') requiredFiles.push('SECURITY.md');
  const problems = tarballProblems(readTarball(pkg.tarball), {
    name: pkg.name,
    requiredFiles,
    publishedNames,
    readFile: (file) => readTarballFile(pkg.tarball, file),
  });
  const types = areTheTypesWrong(pkg.name, pkg.tarball);
  if (!types.ok) problems.push(types.detail ?? types.name);
  failures += problems.length;
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${pkg.name} -> ${pkg.tarball}`);
  for (const problem of problems) console.log(`     ${problem}`);
}
if (failures > 0) {
  console.log(`${failures} problem(s): nothing was published.`);
  process.exitCode = 1;
} else if (publish) {
  run(['changeset', 'publish']);
} else {
  console.log(`All ${packed.length} packages are ready in ${destination}.`);
  console.log('To publish them: pnpm release --publish (runs changeset publish).');
}
