// `pnpm example <file> [args...]`: runs any TypeScript or JavaScript file against the workspace's
// sources, with no build: tsx with the `@trace/source` condition, and a resolve hook that lets a file
// anywhere (the repository root, /tmp, ...) import what the examples/ workspace can import: every
// @trace/* package (NODE_PATH does the same for files that run as CommonJS). A relative <file> is taken from the folder where pnpm was started.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [file, ...rest] = process.argv.slice(2);
if (file === undefined || file === '--help' || file === '-h') {
  console.error('Usage: pnpm example <file> [args...]   e.g. pnpm example examples/src/adam.ts');
  process.exit(file === undefined ? 2 : 0);
}
const target = resolve(process.env.INIT_CWD ?? process.cwd(), file);
if (!existsSync(target)) {
  console.error(
    `No file ${target}. Give a path relative to where you run pnpm, or an absolute one.`,
  );
  process.exit(2);
}
const child = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
    '--conditions=@trace/source',
    '--import',
    pathToFileURL(join(root, 'scripts', 'resolve-from-examples.mjs')).href,
    target,
    ...rest,
  ],
  {
    stdio: 'inherit',
    // A file outside any package with "type": "module" runs as CommonJS; NODE_PATH lets its require
    // calls find the same packages.
    env: {
      ...process.env,
      NODE_PATH: [join(root, 'examples', 'node_modules'), process.env.NODE_PATH]
        .filter(Boolean)
        .join(process.platform === 'win32' ? ';' : ':'),
    },
  },
);
if (child.error !== undefined) throw child.error;
process.exit(child.status ?? 1);
