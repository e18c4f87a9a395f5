/** Finds the TypeScript snippets of every README.md in the repository and typechecks them. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { repositoryRoot } from './workspace-packages.js';

/** One fenced ```ts block of a README. */
export interface ReadmeSnippet {
  /** The README, relative to the repository root. */
  readonly readme: string;
  /** 1-based line of the README where the code starts (after the fence). */
  readonly line: number;
  readonly code: string;
}

/** One compiler error of a snippet, placed at its README line. */
export interface SnippetError {
  readonly snippet: ReadmeSnippet;
  /** `README.md:line: message`. */
  readonly message: string;
}

const skippedFolders = new Set(['node_modules', 'dist', '.git', '.turbo', 'coverage', 'release']);

/** Every README.md under the repository root (dependency and build folders left out), sorted. */
export function findReadmes(directory = repositoryRoot): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) found.push(...findReadmes(join(directory, entry.name)));
    } else if (entry.name === 'README.md') {
      found.push(join(directory, entry.name));
    }
  }
  return found.sort();
}

/** The ```ts / ```typescript blocks of a README. */
export function readmeSnippets(readmePath: string): ReadmeSnippet[] {
  const text = readFileSync(readmePath, 'utf8');
  const snippets: ReadmeSnippet[] = [];
  for (const match of text.matchAll(/^```(?:ts|typescript)[ \t]*\n([\s\S]*?)^```/gm)) {
    const line = text.slice(0, match.index).split('\n').length + 1;
    snippets.push({ readme: relative(repositoryRoot, readmePath), line, code: match[1]! });
  }
  return snippets;
}

/** True when the block imports something: a complete program rather than a fragment of the prose. */
export function isCompleteProgram(snippet: ReadmeSnippet): boolean {
  return /^\s*import\s/m.test(snippet.code);
}

/**
 * Typechecks `snippets` with the repository's compiler options (tsconfig.base.json). A block that
 * imports something is a complete program: it is typechecked on its own, as an ES module placed in
 * `resolveFrom` (a folder whose node_modules holds every `@trace/*` package, so imports resolve to
 * their sources through the `@trace/source` condition). A block without imports is a fragment of the
 * prose (a signature, one line of a longer program): it must parse, and is not typechecked. Returns
 * every error, placed at its README line.
 */
export function typecheckSnippets(
  snippets: readonly ReadmeSnippet[],
  resolveFrom: string,
): SnippetError[] {
  const configPath = join(repositoryRoot, 'tsconfig.base.json');
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (config.error !== undefined) {
    throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'));
  }
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const virtual = new Map<string, ReadmeSnippet>();
  snippets.forEach((snippet, index) => {
    virtual.set(join(resolveFrom, `__readme_snippet_${index}.ts`), snippet);
  });
  // Still a module when nothing is exported (top-level await is allowed in one).
  const sourceOf = (snippet: ReadmeSnippet) => `${snippet.code}\nexport {};\n`;
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => {
    const snippet = virtual.get(path);
    return snippet === undefined ? readFile.call(host, path) : sourceOf(snippet);
  };
  host.getSourceFile = (path, language, onError, create) => {
    const snippet = virtual.get(path);
    return snippet === undefined
      ? getSourceFile.call(host, path, language, onError, create)
      : ts.createSourceFile(path, sourceOf(snippet), language);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const errors: SnippetError[] = [];
  for (const [path, snippet] of virtual) {
    const file = program.getSourceFile(path);
    const diagnostics = [
      ...program.getSyntacticDiagnostics(file),
      ...(isCompleteProgram(snippet) ? program.getSemanticDiagnostics(file) : []),
    ];
    for (const diagnostic of diagnostics) {
      const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      const line =
        diagnostic.file !== undefined && diagnostic.start !== undefined
          ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line
          : 0;
      errors.push({ snippet, message: `${snippet.readme}:${snippet.line + line}: ${text}` });
    }
  }
  return errors;
}
