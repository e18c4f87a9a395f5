/**
 * The runner behind `pnpm bench:perf [--check] [suite ...]`: picks the suites, runs them one after
 * another, prints every figure with its target, and returns the exit code.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchmarkSuite, type Figure, formatFigure } from './figure.js';
import { fullGc } from './gc.js';

/** Options of {@link runSuites}. */
export interface RunSuitesOptions {
  /** The folder holding the suites, one `<name>.bench.ts` file each. */
  readonly directory: string;
  /** The command-line arguments: `--check` and suite names (none means every suite). */
  readonly args: readonly string[];
  /** Where figures and the summary go (default `console.log`). */
  readonly print?: (line: string) => void;
  /** Where errors go (default `console.error`). */
  readonly printError?: (line: string) => void;
}

/** Exit code when every selected suite ran and met its targets. */
export const exitOk = 0;
/** Exit code when a target was missed or a suite failed. */
export const exitMissed = 1;
/** Exit code when the command line was wrong (an unknown suite or option); nothing ran. */
export const exitUsage = 2;

const suffix = '.bench.ts';
const usage = 'Usage: pnpm bench:perf [--check] [suite ...]';

/** The suite names found in `directory` (file names without `.bench.ts`), sorted. */
export function listSuites(directory: string): string[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith(suffix))
    .map((file) => file.slice(0, -suffix.length))
    .sort();
}

/**
 * Runs the suites named in `args` (every suite when none is named) and returns the exit code:
 * {@link exitMissed} when a target was missed or a suite threw, {@link exitUsage} for an unknown
 * suite or option (before anything runs), {@link exitOk} otherwise. `--check` is stricter, for CI:
 * a figure that names a target but gives no verdict or no finite value, and a suite that reports no
 * figure at all, also fail the run (a plain run only warns about them).
 */
export async function runSuites(options: RunSuitesOptions): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const printError = options.printError ?? ((line: string) => console.error(line));
  const known = listSuites(options.directory);
  const flags = options.args.filter((arg) => arg.startsWith('-'));
  const names = options.args.filter((arg) => !arg.startsWith('-'));
  const unknownFlags = flags.filter((flag) => flag !== '--check');
  if (unknownFlags.length > 0) {
    printError(`Unknown option ${unknownFlags.map((flag) => `"${flag}"`).join(', ')}. ${usage}`);
    return exitUsage;
  }
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    printError(
      `Unknown suite ${unknown.map((name) => `"${name}"`).join(', ')}. Known suites: ${known.join(', ')}. ${usage}`,
    );
    return exitUsage;
  }
  if (known.length === 0) {
    printError(`No suite found in ${options.directory} (files named <name>${suffix}).`);
    return exitUsage;
  }
  const check = flags.includes('--check');
  const selected = names.length === 0 ? known : known.filter((name) => names.includes(name));
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const name of selected) {
    print(`\n# ${name}`);
    await settle();
    let figures = 0;
    try {
      const suite = await loadSuite(options.directory, name);
      await suite.run((figure: Figure) => {
        figures += 1;
        print(formatFigure(figure));
        const problem = judge(figure);
        if (problem === 'missed') failures.push(`${name}: ${figure.name} missed its target`);
        if (problem === 'no verdict') {
          (check ? failures : warnings).push(
            `${name}: ${figure.name} names a target (${figure.target}) but reported no verdict or no finite value`,
          );
        }
      });
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      printError(`suite ${name} failed: ${message}`);
      failures.push(`${name}: the suite threw (see above)`);
      continue;
    }
    if (figures === 0) {
      (check ? failures : warnings).push(`${name}: the suite reported no figure`);
    }
  }
  for (const warning of warnings) print(`warning: ${warning}`);
  if (failures.length === 0) {
    print(`\nall targets met (${selected.join(', ')})`);
    return exitOk;
  }
  print(`\n${failures.length} failure(s):`);
  for (const failure of failures) print(`  ${failure}`);
  return exitMissed;
}

/**
 * Lets what the previous suite left behind finish before the next one measures: a full garbage
 * collection (a suite such as core leaves a heap of millions of dead nodes, whose collection would
 * otherwise run on the second core during the next suite), then a short pause.
 */
async function settle(): Promise<void> {
  fullGc();
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** `missed` when the target was missed, `no verdict` when a target has no usable verdict. */
function judge(figure: Figure): 'ok' | 'missed' | 'no verdict' {
  if (figure.met === false) return 'missed';
  if (figure.target === undefined) return 'ok';
  if (figure.met !== true || !Number.isFinite(figure.value)) return 'no verdict';
  return 'ok';
}

async function loadSuite(directory: string, name: string): Promise<BenchmarkSuite> {
  const file = join(directory, `${name}${suffix}`);
  const module = (await import(pathToFileURL(file).href)) as { default?: Partial<BenchmarkSuite> };
  const suite = module.default;
  if (suite === undefined || typeof suite.run !== 'function' || suite.name !== name) {
    throw new Error(
      `${file} must default-export a BenchmarkSuite named "${name}" (got ${suite === undefined ? 'no default export' : `name ${JSON.stringify(suite.name)}`}).`,
    );
  }
  return suite as BenchmarkSuite;
}
