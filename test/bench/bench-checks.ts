import type { LocalLedger } from '../../main/ledger/local-ledger';
import type { Database } from '../../server/db/database';
import { ledgerViolations } from '../integration/server/api-harness';

/**
 * Reads a benchmark's results back from the central API's database: every journal entry balanced, cached balances
 * equal to their postings. Throws, failing the benchmark, on any violation.
 */
export async function checkServerLedger(db: Database, resellerIds: readonly string[]): Promise<void> {
  const violations = await ledgerViolations(db, resellerIds);
  if (violations.length > 0) {
    const more = violations.length > 10 ? `; and ${violations.length - 10} more` : '';
    throw new Error(`ledger violations after the benchmark: ${violations.slice(0, 10).join('; ')}${more}`);
  }
}

/**
 * Reads a benchmark's results back from a terminal's SQLite ledger: every journal entry's postings sum to zero per
 * currency, and the terminal holds `sales` sales. Throws, failing the benchmark, otherwise.
 */
export function checkTerminalLedger(ledger: LocalLedger, sales: number): void {
  const unbalanced = ledger.db
    .prepare(
      'SELECT entry_id FROM journal_postings GROUP BY entry_id, currency HAVING SUM(amount) != 0 LIMIT 5',
    )
    .all();
  if (unbalanced.length > 0) throw new Error(`unbalanced terminal entries: ${JSON.stringify(unbalanced)}`);
  const n = (ledger.db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  if (n !== sales) throw new Error(`the terminal holds ${n} sales, expected ${sales}`);
}
