/**
 * `pnpm check:install`: proves the published packages install and work outside the workspace. Packs
 * every published package (they must be built), checks each tarball (LICENSE, README, exports,
 * no workspace-only ranges, no undeclared imports in the built code), then installs them into empty
 * projects in the temp folder: `@trace/core` alone, then core + llm + optoprime. Each project imports
 * with ESM and CommonJS, typechecks with moduleResolution node16 and bundler, and runs a tiny
 * optimization. Options: `--report <file>` writes `{ "passed": N, "failed": N }` there (CI adds it
 * to its count); `--keep` leaves the temp folder for inspection. Exits 1 when a check fails.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { areTheTypesWrong } from './are-the-types-wrong.js';
import type { CheckResult } from './install-scenario.js';
import { runScenario } from './install-scenario.js';
import { coreScenario, optoPrimeScenario } from './install-scenarios.js';
import { packPackages } from './pack-packages.js';
import { readTarball, readTarballFile, tarballProblems } from './tarball-contents.js';

const args = process.argv.slice(2);
const reportAt = args.indexOf('--report');
const reportFile = reportAt >= 0 ? args[reportAt + 1] : undefined;
const keep = args.includes('--keep');

const workDirectory = mkdtempSync(join(tmpdir(), 'trace-install-check-'));
const results: CheckResult[] = [];
const record = (result: CheckResult) => {
  results.push(result);
  console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name}`);
  if (!result.ok && result.detail !== undefined) console.log(indent(result.detail));
};

try {
  const packed = packPackages(join(workDirectory, 'tarballs'));
  record({ name: `pack ${packed.length} published packages`, ok: true });
  const publishedNames = new Set(packed.map((pkg) => pkg.name));
  for (const pkg of packed) {
    const contents = readTarball(pkg.tarball);
    const requiredFiles = ['package.json', 'README.md', 'LICENSE'];
    if (pkg.name === '@trace/core') requiredFiles.push('SECURITY.md');
    const problems = tarballProblems(contents, {
      name: pkg.name,
      requiredFiles,
      publishedNames,
      readFile: (file) => readTarballFile(pkg.tarball, file),
    });
    record({
      name: `${pkg.name}: tarball contents and declared dependencies`,
      ok: problems.length === 0,
      detail: problems.join('\n'),
    });
    record(areTheTypesWrong(pkg.name, pkg.tarball));
  }
  for (const scenario of [coreScenario, optoPrimeScenario]) {
    for (const result of runScenario(scenario, packed, join(workDirectory, scenario.name))) {
      record(result);
    }
  }
} catch (error) {
  record({
    name: 'install check',
    ok: false,
    detail: error instanceof Error ? error.message : String(error),
  });
} finally {
  if (keep) console.log(`kept ${workDirectory}`);
  else rmSync(workDirectory, { recursive: true, force: true });
}

const passed = results.filter((result) => result.ok).length;
const failed = results.length - passed;
console.log(`install check: ${passed} passed, ${failed} failed`);
if (reportFile !== undefined) writeFileSync(reportFile, JSON.stringify({ passed, failed }));
process.exitCode = failed === 0 ? 0 : 1;

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `     ${line}`)
    .join('\n');
}
