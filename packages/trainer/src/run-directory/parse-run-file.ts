import type { z } from 'zod';
import { TrainerError } from '../errors.js';
import { runFormatVersion } from './schemas.js';

/** Describes a zod error in one line: `field.path: problem; ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses one JSON document of a run directory with `schema`, after refusing a newer format version
 * with a clear message. `where` names the file (and line) in errors.
 */
export function parseRunDocument<Schema extends z.ZodType>(
  schema: Schema,
  text: string,
  where: { path: string; line?: number; what: string },
): z.infer<Schema> {
  const at = where.line === undefined ? where.path : `${where.path} line ${where.line}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TrainerError(
      where.what === 'checkpoint' ? 'CHECKPOINT' : 'RUN_DIRECTORY',
      `${at} is not valid JSON (${(error as Error).message}), so it is not a ${where.what} this package wrote. Restore the file or remove it.`,
      { path: where.path, ...(where.line === undefined ? {} : { line: where.line }), cause: error },
    );
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > runFormatVersion) {
    throw new TrainerError(
      'NEWER_FORMAT',
      `${at} was written in run-directory format version ${version}; this @trace/trainer reads versions up to ${runFormatVersion}. Upgrade @trace/trainer to read it (the file was not changed).`,
      { path: where.path, ...(where.line === undefined ? {} : { line: where.line }) },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new TrainerError(
      where.what === 'checkpoint' ? 'CHECKPOINT' : 'RUN_DIRECTORY',
      `${at} is not a valid ${where.what} (${describeIssues(parsed.error)}). It may be corrupt or come from another program; restore it or remove it.`,
      { path: where.path, ...(where.line === undefined ? {} : { line: where.line }) },
    );
  }
  return parsed.data;
}
