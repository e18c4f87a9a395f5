import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCiSuite } from './run-ci-suite.js';
import { createPipelineCheckModel } from './scripted-model.js';

const usage = 'usage: pnpm bench:ci [--update-references] [--out DIR]';
const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let out: string | undefined;
let updateReferences = false;
for (let index = 0; index < args.length; index += 1) {
  const arg = args[index]!;
  if (arg === '--update-references') updateReferences = true;
  else if (arg === '--out' && args[index + 1] !== undefined) out = resolve(args[++index]!);
  else {
    console.error(`bench:ci: unknown option ${arg}. ${usage}`);
    process.exit(2);
  }
}
const problems = await runCiSuite({
  referenceFolder: join(here, '..', '..', 'references'),
  updateReferences,
  scriptedModel: createPipelineCheckModel(),
  ...(out === undefined ? {} : { out }),
  log: (line) => console.log(line),
});
for (const problem of problems) console.error(`FAIL ${problem}`);
console.log(
  problems.length === 0 ? 'bench:ci: all checks passed' : `bench:ci: ${problems.length} problem(s)`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
