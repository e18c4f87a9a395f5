import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { libraryPackages, repositoryRoot } from './workspace-packages.js';

const rootLicense = readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8');

describe('licence', () => {
  test('the root LICENSE is MIT with the project copyright', () => {
    expect(rootLicense).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 The Trace for TypeScript authors\n/,
    );
  });

  test.each(libraryPackages().map((pkg) => [pkg.name, pkg] as const))(
    '%s ships a copy of the root LICENSE and says MIT',
    (_name, pkg) => {
      let copy: string;
      try {
        copy = readFileSync(join(pkg.directory, 'LICENSE'), 'utf8');
      } catch {
        throw new Error(`${pkg.directory}/LICENSE is missing: copy the root LICENSE there.`);
      }
      expect(copy, `${pkg.directory}/LICENSE differs from the root LICENSE: copy it again`).toBe(
        rootLicense,
      );
      expect(pkg.files).toContain('LICENSE');
      const json = JSON.parse(readFileSync(join(pkg.directory, 'package.json'), 'utf8'));
      expect(json.license).toBe('MIT');
    },
  );

  test("core's tarball lists SECURITY.md, which its README links to", () => {
    const core = libraryPackages().find((pkg) => pkg.name === '@trace/core');
    expect(core?.files).toContain('SECURITY.md');
    expect(readFileSync(join(core!.directory, 'README.md'), 'utf8')).toContain('SECURITY.md');
  });
});
