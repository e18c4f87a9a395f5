/** A setting as given, or undefined when it is missing, empty or only whitespace (`OPENAI_API_KEY=""`). */
export function nonEmpty(value: string | undefined | null): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
