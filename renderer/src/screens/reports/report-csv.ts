import { toMajorString } from '../../../../core/money/money';

/** A cell as CSV text: quoted when needed, and a leading =, +, -, @ neutralised so a spreadsheet never runs it. */
function cell(v: string | number): string {
  let t = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(t)) t = `'${t}`;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** A CSV document (header row first, CRLF line ends as RFC 4180 has them). */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** An amount in major units for a spreadsheet ("12.50"), exact. */
export function csvAmount(minor: number, currency: string): string {
  return toMajorString(minor, currency);
}
