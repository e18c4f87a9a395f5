/**
 * One install scenario of the install check: an empty project outside the workspace that installs
 * some `@trace/*` packages from their tarballs (third-party packages from the registry), then imports
 * them with ESM and CommonJS, typechecks with `moduleResolution` node16 and bundler, and runs a
 * program. pnpm's isolated layout without hoisting is used, so an import of a package that is not
 * declared fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PackedPackage } from './pack-packages.js';

/** What a scenario installs and runs. */
export interface InstallScenario {
  /** Short name used in the report, e.g. `core`. */
  readonly name: string;
  /** The `@trace/*` packages the user installs. */
  readonly install: readonly string[];
  /** The packages that must NOT end up installed (layering: core alone pulls in no LLM code). */
  readonly mustNotInstall: readonly string[];
  /** ESM program (top-level await allowed); prints `ok` as its last line when it worked. */
  readonly esm: string;
  /** CommonJS program; prints `ok` as its last line when it worked. */
  readonly cjs: string;
  /** TypeScript that must typecheck (an ES module; written as `.mts`, `.cts` and `.ts`). */
  readonly typescript: string;
  /** The same for CommonJS (`require`-based `.cts`, checked with node16). */
  readonly typescriptCjs: string;
}

/** The result of one check of a scenario. */
export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  /** What went wrong (the command's output) when not ok. */
  readonly detail?: string;
}

/** Versions the empty project installs from the registry, as a user would (pinned, Node 20). */
const toolVersions = { typescript: '5.9.3', '@types/node': '20.19.43' };

/** Runs `scenario` in `directory` (created empty) and returns one result per check. */
export function runScenario(
  scenario: InstallScenario,
  packed: readonly PackedPackage[],
  directory: string,
): CheckResult[] {
  mkdirSync(directory, { recursive: true });
  if (readdirSync(directory).length > 0) throw new Error(`${directory} is not empty`);
  const byName = new Map(packed.map((pkg) => [pkg.name, pkg]));
  const tarballOf = (name: string) => {
    const pkg = byName.get(name);
    if (pkg === undefined) throw new Error(`${name} was not packed (is it published?)`);
    return `file:${pkg.tarball}`;
  };
  const manifest = {
    name: `trace-install-check-${scenario.name}`,
    private: true,
    version: '0.0.0',
    dependencies: Object.fromEntries(scenario.install.map((name) => [name, tarballOf(name)])),
    devDependencies: toolVersions,
    // Every @trace/* package resolves to its local tarball, never to the registry.
    pnpm: { overrides: Object.fromEntries(packed.map((pkg) => [pkg.name, tarballOf(pkg.name)])) },
  };
  writeFileSync(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(directory, 'esm.mjs'), scenario.esm);
  writeFileSync(join(directory, 'cjs.cjs'), scenario.cjs);
  writeFileSync(join(directory, 'check.mts'), scenario.typescript);
  writeFileSync(join(directory, 'check-cjs.cts'), scenario.typescriptCjs);
  writeFileSync(join(directory, 'check.ts'), scenario.typescript);
  const compilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: 'ES2022',
    lib: ['ES2023'],
    types: ['node'],
  };
  writeFileSync(
    join(directory, 'tsconfig.node16.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16' },
      files: ['check.mts', 'check-cjs.cts'],
    }),
  );
  writeFileSync(
    join(directory, 'tsconfig.bundler.json'),
    JSON.stringify({
      compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler' },
      files: ['check.ts'],
    }),
  );

  const results: CheckResult[] = [];
  const step = (name: string, run: () => string | undefined) => {
    try {
      const problem = run();
      results.push(
        problem === undefined ? { name, ok: true } : { name, ok: false, detail: problem },
      );
    } catch (error) {
      results.push({ name, ok: false, detail: describeFailure(error) });
    }
  };
  const run = (command: string, args: readonly string[]) =>
    execFileSync(command, args, {
      cwd: directory,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, npm_config_save_exact: 'true' },
      timeout: 10 * 60_000,
    });

  let installed = false;
  step(`${scenario.name}: install ${scenario.install.join(' + ')} from the tarballs`, () => {
    // No hoisting at all: by default pnpm hoists every package into node_modules/.pnpm/node_modules,
    // where a package finds dependencies it never declared.
    run('pnpm', [
      'install',
      '--prefer-offline',
      '--config.node-linker=isolated',
      '--config.hoist=false',
      '--config.public-hoist-pattern=',
    ]);
    installed = true;
    return undefined;
  });
  if (!installed) return results;
  step(`${scenario.name}: installs none of ${scenario.mustNotInstall.join(', ')}`, () => {
    const store = join(directory, 'node_modules', '.pnpm');
    const present = readdirSync(store);
    const leaked = scenario.mustNotInstall.filter((name) =>
      present.some((entry) => entry.startsWith(`${name.replace('/', '+')}@`)),
    );
    return leaked.length === 0 ? undefined : `installed anyway: ${leaked.join(', ')}`;
  });
  const expectOk = (output: string) =>
    output.trim().split('\n').at(-1) === 'ok' ? undefined : `did not print ok:\n${output}`;
  step(`${scenario.name}: import with ESM and run`, () =>
    expectOk(run(process.execPath, ['esm.mjs'])),
  );
  step(`${scenario.name}: require with CommonJS and run`, () =>
    expectOk(run(process.execPath, ['cjs.cjs'])),
  );
  const tsc = join(directory, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const resolution of ['node16', 'bundler']) {
    step(`${scenario.name}: typecheck with moduleResolution ${resolution}`, () => {
      if (!existsSync(tsc)) return 'typescript was not installed';
      run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`]);
      return undefined;
    });
  }
  return results;
}

function describeFailure(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'stdout' in error) {
    const { stdout, stderr, message } = error as {
      stdout?: string;
      stderr?: string;
      message: string;
    };
    return [message, stdout, stderr].filter((part) => part !== undefined && part !== '').join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}
