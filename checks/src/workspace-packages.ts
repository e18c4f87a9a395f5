/** The packages of the workspace, read from their package.json files. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What the checks read from one package's package.json. */
export interface WorkspacePackage {
  /** The folder, absolute. */
  readonly directory: string;
  readonly name: string;
  readonly version: string;
  /** `true` when the package is not published. */
  readonly private: boolean;
  readonly files: readonly string[];
  readonly dependencies: Readonly<Record<string, string>>;
}

/** Every package under `packages/`, sorted by folder name. */
export function libraryPackages(): WorkspacePackage[] {
  const root = join(repositoryRoot, 'packages');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((folder) => {
      const directory = join(root, folder);
      let text: string;
      try {
        text = readFileSync(join(directory, 'package.json'), 'utf8');
      } catch {
        return [];
      }
      const json = JSON.parse(text) as Partial<WorkspacePackage> & { private?: boolean };
      return [
        {
          directory,
          name: json.name ?? folder,
          version: json.version ?? '0.0.0',
          private: json.private === true,
          files: json.files ?? [],
          dependencies: json.dependencies ?? {},
        },
      ];
    });
}

/** The packages that are published (not private). */
export function publishedPackages(): WorkspacePackage[] {
  return libraryPackages().filter((pkg) => !pkg.private);
}
