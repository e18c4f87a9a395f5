import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  findReadmes,
  isCompleteProgram,
  type ReadmeSnippet,
  readmeSnippets,
  typecheckSnippets,
} from './readme-snippets.js';
import { libraryPackages, repositoryRoot } from './workspace-packages.js';

const checksFolder = join(repositoryRoot, 'checks');
const probe = 'probe/README.md';

describe('README snippets', () => {
  test('every ```ts block of every README compiles with the repository tsconfig', () => {
    const snippets = findReadmes().flatMap(readmeSnippets);
    expect(snippets.filter(isCompleteProgram).length).toBeGreaterThan(10);
    // Probes that must fail, checked in the same program (one compilation keeps the test fast).
    const probes: ReadmeSnippet[] = [
      {
        readme: probe,
        line: 10,
        code: "import { node } from '@trace/core';\n\nconst n: number = node('text').data;\n",
      },
      { readme: probe, line: 20, code: 'agent.forward(example);\n' },
      { readme: probe, line: 30, code: 'agent.forward(example;\n' },
    ];
    const errors = typecheckSnippets([...snippets, ...probes], checksFolder);
    const real = errors.filter((error) => error.snippet.readme !== probe);
    expect(real.map((error) => error.message)).toEqual([]);
    // A type error is reported at its README line; a fragment (no import) must parse but is not
    // typechecked.
    expect(errors.filter((error) => error.snippet.readme === probe).map((e) => e.message)).toEqual([
      "probe/README.md:12: Type 'string' is not assignable to type 'number'.",
      "probe/README.md:30: ')' expected.",
    ]);
  }, 180_000);

  test('the checks workspace depends on every published package, so any README import resolves', async () => {
    const { dependencies } = (await import('../package.json', { with: { type: 'json' } }))
      .default as { dependencies: Record<string, string> };
    for (const pkg of libraryPackages().filter((candidate) => !candidate.private)) {
      expect(
        dependencies,
        `add "${pkg.name}": "workspace:^" to checks/package.json`,
      ).toHaveProperty([pkg.name]);
    }
  });
});
