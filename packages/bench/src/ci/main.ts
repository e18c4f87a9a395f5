import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCiSuite } from './run-ci-suite.js';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--update-references');
if (unknown.length > 0) {
  console.error(
    `bench:ci: unknown option ${unknown.join(' ')}; the only option is --update-references.`,
  );
  process.exit(2);
}
const problems = await runCiSuite({
  referenceFolder: join(here, '..', '..', 'references'),
  updateReferences: args.includes('--update-references'),
  log: (line) => console.log(line),
});
for (const problem of problems) console.error(`FAIL ${problem}`);
console.log(
  problems.length === 0 ? 'bench:ci: all checks passed' : `bench:ci: ${problems.length} problem(s)`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
