import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface EsbuildApi {
  buildSync(options: Record<string, unknown>): { outputFiles?: Array<{ text: string }> };
}

let built: string | undefined;

/**
 * When the package runs from its TypeScript sources (tests, `tsx --conditions=@trace/source`), the
 * worker cannot load `.ts` files (Node 20 applies no loader hooks inside workers). This bundles
 * `worker-main.ts` with esbuild (tsx's own copy) into one ESM file under the package's
 * `node_modules/.cache`, keyed by the sources' hash, and returns its URL. Built once per process;
 * reused across processes while the sources are unchanged.
 */
export function workerFromSources(hostUrl: string): string {
  if (built !== undefined) return built;
  const directory = dirname(fileURLToPath(hostUrl));
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.ts') && !name.includes('.test'))
    .sort();
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update(readFileSync(join(directory, name)));
  const packageRoot = join(directory, '..', '..');
  const cacheDirectory = join(packageRoot, 'node_modules', '.cache', 'trace-sandbox-worker');
  const output = join(cacheDirectory, `worker-${hash.digest('hex').slice(0, 16)}.mjs`);
  if (!isFile(output)) {
    const require = createRequire(hostUrl);
    const esbuild = createRequire(require.resolve('tsx/package.json'))('esbuild') as EsbuildApi;
    const result = esbuild.buildSync({
      entryPoints: [join(directory, 'worker-main.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: ['quickjs-wasi'],
      write: false,
    });
    const text = result.outputFiles?.[0]?.text;
    if (text === undefined) throw new Error('esbuild produced no worker bundle');
    mkdirSync(cacheDirectory, { recursive: true });
    const temporary = `${output}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, output);
  }
  built = pathToFileURL(output).href;
  return built;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
