// One-off helper used to create a package with the project's standard layout.
// Usage: node scripts/scaffold-package.mjs <dir> <name> "<description>" [dep@version ...]
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, name, description, ...deps] = process.argv.slice(2);
if (!dir || !name) throw new Error('usage: scaffold-package.mjs <dir> <name> <description> [deps]');
mkdirSync(join(dir, 'src'), { recursive: true });
const dependencies = {};
for (const dep of deps) {
  const at = dep.lastIndexOf('@');
  dependencies[dep.slice(0, at)] = dep.slice(at + 1);
}
const entry = (file) => ({
  '@trace/source': `./src/${file}.ts`,
  import: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
  require: { types: `./dist/${file}.d.cts`, default: `./dist/${file}.cjs` },
});
const pkg = {
  name,
  version: '0.0.0',
  description,
  license: 'MIT',
  type: 'module',
  sideEffects: false,
  exports: { '.': entry('index'), './package.json': './package.json' },
  main: './dist/index.cjs',
  module: './dist/index.js',
  types: './dist/index.d.ts',
  files: ['dist', 'src', '!src/**/*.test*.ts', 'README.md', 'LICENSE'],
  engines: { node: '>=20.19' },
  scripts: {
    build: 'tsup',
    typecheck: 'tsc -p tsconfig.json',
    publint: 'publint --strict',
  },
  dependencies,
};
writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
// Every published tarball carries the licence (checks/src/license.test.ts keeps the copies equal).
copyFileSync(new URL('../LICENSE', import.meta.url), join(dir, 'LICENSE'));
writeFileSync(
  join(dir, 'tsconfig.json'),
  `${JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src', 'test', 'vitest.config.ts', 'tsup.config.ts'] }, null, 2)}\n`,
);
writeFileSync(
  join(dir, 'tsup.config.ts'),
  `import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.ts';

export default defineConfig(packageBuild(['src/index.ts']));
`,
);
writeFileSync(
  join(dir, 'vitest.config.ts'),
  `import { defineProject } from 'vitest/config';
import { sharedProjectConfig } from '../../vitest.shared.ts';

export default defineProject({
  ...sharedProjectConfig,
  test: { name: '${name}', include: ['src/**/*.test.ts', 'test/**/*.test.ts'] },
});
`,
);
if (!existsSync(join(dir, 'src/index.ts')))
  writeFileSync(join(dir, 'src/index.ts'), 'export {};\n');
