import { describe, expect, test } from 'vitest';
import { importedPackages, type TarballContents, tarballProblems } from './tarball-contents.js';

const goodManifest = {
  name: '@trace/example',
  exports: {
    '.': {
      '@trace/source': './src/index.ts',
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
  },
  dependencies: { '@trace/core': '^0.0.0', zod: '4.6.7' },
  peerDependencies: { openai: '6.49.0' },
};
const goodFiles = [
  'package.json',
  'README.md',
  'LICENSE',
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
];
const code: Record<string, string> = {
  'dist/index.js': `import { node } from '@trace/core';\nimport { z } from "zod";\nimport { readFile } from 'node:fs';\nconst sdk = await import('openai');\n`,
  'dist/index.cjs': `const core = require('@trace/core');\nconst path = require('path');\nconst local = require('./chunk.cjs');\n`,
  'dist/index.d.ts': `import type { Node } from '@trace/core';\n`,
  'dist/index.d.cts': `import type { Node } from '@trace/core';\n`,
};

function problems(contents: Partial<TarballContents>, extra: Record<string, string> = {}) {
  return tarballProblems(
    { files: goodFiles, manifest: goodManifest, ...contents },
    {
      name: '@trace/example',
      requiredFiles: ['package.json', 'README.md', 'LICENSE'],
      publishedNames: new Set(['@trace/core', '@trace/example']),
      readFile: (file) => extra[file] ?? code[file] ?? '',
    },
  );
}

describe('tarball checks', () => {
  test('a complete tarball whose code imports only what it declares passes', () => {
    expect(problems({})).toEqual([]);
  });

  test('a missing LICENSE is reported', () => {
    expect(problems({ files: goodFiles.filter((file) => file !== 'LICENSE') })).toEqual([
      '@trace/example: the tarball has no LICENSE',
    ]);
  });

  test('built code that imports an undeclared package is a missing dependency', () => {
    const result = problems({}, { 'dist/index.cjs': `const heap = require("heap-js/dist/x");\n` });
    expect(result).toEqual([
      '@trace/example: dist/index.cjs imports heap-js, which package.json does not declare',
    ]);
  });

  test('a workspace-only range or a private @trace package leaks out of the workspace', () => {
    const manifest = {
      ...goodManifest,
      dependencies: { '@trace/core': 'workspace:^', '@trace/internal': '^0.0.0' },
    };
    expect(problems({ manifest })).toEqual([
      '@trace/example: dependency @trace/core has the workspace-only range "workspace:^"',
      '@trace/example: depends on @trace/internal, which is not published (private or missing)',
      '@trace/example: dist/index.js imports zod, which package.json does not declare',
    ]);
  });

  test('an export target that is not in the tarball is reported', () => {
    expect(problems({ files: goodFiles.filter((file) => file !== 'dist/index.d.cts') })).toEqual([
      '@trace/example: exports names ./dist/index.d.cts, not in the tarball',
    ]);
  });

  test('imported package names: scoped, deep, dynamic, side-effect; builtins and relative left out', () => {
    const found = importedPackages(
      `import 'side-effect';\nimport x from "@scope/pkg/deep/file.js";\nawait import('dyn');\nrequire('fs');\nrequire('node:path');\nimport y from './local.js';\n`,
    );
    expect([...found].sort()).toEqual(['@scope/pkg', 'dyn', 'side-effect']);
  });

  test('text that only looks like an import (an error message) is not a package', () => {
    const found = importedPackages(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the text is source code that contains a template literal
      "throw new Error(`a proposal it did not make (from '${String(p.optimizer)}')`); const t = \"from 'two words'\";",
    );
    expect([...found]).toEqual([]);
  });
});
