/** A token count as a provider reported it, or undefined when missing or not a count (NaN, negative). */
export function countOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
