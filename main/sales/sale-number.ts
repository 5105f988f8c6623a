/** Formats a terminal-prefixed sale number: `${prefix}-${n padded to 6 digits}` ("T7K2-000123"). */
export function formatSaleNumber(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(6, '0')}`;
}
