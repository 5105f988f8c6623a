import { toMajorString } from '../money/money';

/**
 * The wallet history's CSV export: RFC 4180 quoting, and a leading `'` on text cells a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab, carriage return), so an exported memo can never execute in the reseller's sheet.
 */

/** The columns of the export, in order. */
export const WALLET_CSV_HEADER = ['date_utc', 'kind', 'memo', 'amount', 'currency', 'entry_id'] as const;

/** One row of the export. */
export interface WalletCsvRow {
  readonly createdAt: string;
  readonly kind: string;
  readonly memo: string | null;
  /** Signed minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly entryId: string;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One text cell: formula-neutralised, quoted when it holds a comma, quote or line break. */
export function csvTextCell(value: string | null): string {
  if (value === null || value.length === 0) return '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The header line (CRLF-terminated). */
export function walletCsvHeader(): string {
  return `${WALLET_CSV_HEADER.join(',')}\r\n`;
}

/** Rows as CSV lines (each CRLF-terminated); amounts in major units of their currency ("-12.50"). */
export function walletCsvLines(rows: readonly WalletCsvRow[]): string {
  return rows
    .map(
      (r) =>
        [
          r.createdAt,
          csvTextCell(r.kind),
          csvTextCell(r.memo),
          toMajorString(r.amount, r.currency),
          csvTextCell(r.currency),
          r.entryId,
        ].join(',') + '\r\n',
    )
    .join('');
}
