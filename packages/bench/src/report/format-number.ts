/** A number for a report table: 4 significant digits, `–` for missing, `NaN`/`∞` spelled out. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Object.is(value, -0) || value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e6 || magnitude < 1e-3) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** `mean ± se` for a table cell. */
export function formatMeanError(mean: number, standardError: number): string {
  return `${formatNumber(mean)} ± ${formatNumber(standardError)}`;
}
