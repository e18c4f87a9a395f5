import { ConfigurationError } from '../errors/configuration-error.js';

/**
 * Loads a provider SDK the first time a model of that provider sends a request, so that
 * `@trace/llm` installs and imports without either SDK (they are optional peer dependencies). A
 * missing package becomes a `ConfigurationError` saying what to install; the same promise is reused
 * afterwards. `load` is the dynamic `import()` (written at the call site so bundlers see it).
 */
export function lazySdk<T>(
  packageName: string,
  range: string,
  load: () => Promise<T>,
): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw isMissingModule(error, packageName)
        ? new ConfigurationError({
            message: `This model needs the package ${packageName}, which is not installed. Install it next to @trace/llm: npm install ${packageName}@${range} (or pnpm add / yarn add).`,
            cause: error,
          })
        : error;
    });
    return loading;
  };
}

function isMissingModule(error: unknown, packageName: string): boolean {
  const record = error as { code?: unknown; message?: unknown };
  const code = record?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  return typeof record.message === 'string' && record.message.includes(packageName);
}
