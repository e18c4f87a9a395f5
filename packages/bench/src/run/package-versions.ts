import { createRequire } from 'node:module';

const names = [
  '@trace/bench',
  '@trace/core',
  '@trace/envs',
  '@trace/llm',
  '@trace/optoprime',
  '@trace/opro',
  '@trace/trainer',
] as const;

let cached: Readonly<Record<string, string>> | undefined;

/**
 * The installed versions of the @trace packages a bench run uses, by name (missing ones left out).
 * Read once per process (every unit's manifest records them).
 */
export function tracePackageVersions(): Record<string, string> {
  if (cached !== undefined) return { ...cached };
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const name of names) {
    try {
      const manifest = require(`${name}/package.json`) as { version?: unknown };
      if (typeof manifest.version === 'string') versions[name] = manifest.version;
    } catch {
      // Not installed beside bench: leave it out rather than guess.
    }
  }
  cached = versions;
  return { ...versions };
}
