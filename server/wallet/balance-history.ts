import type { BalanceHistory } from '../../core/wallet/wallet-api';
import { utcDayStart } from '../../core/wallet/auto-topup-decision';
import { toMinor } from '../db/sql-values';
import type { WalletDeps } from './wallet-deps';

const DAY_MS = 86_400_000;

/**
 * The closing balance of each of the last `days` UTC days (today included), oldest first: today's is the cached
 * balance, and each earlier day's is the next one's minus what was posted on the next day. Reads only the postings of
 * the window (through the entries' time index), never the whole history.
 */
export async function balanceHistory(
  deps: WalletDeps,
  resellerId: string,
  days: number,
): Promise<BalanceHistory> {
  const today = utcDayStart(deps.now());
  const from = today - (days - 1) * DAY_MS;
  const rows = await deps.db.query<{ currency: string; balance: unknown }>(
    `SELECT r.currency, a.balance FROM resellers r
       JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
    [resellerId],
  );
  const r = rows[0]!;
  const sums = await deps.db.query<{ day: unknown; total: unknown }>(
    `SELECT floor(extract(epoch FROM e.created_at) / 86400)::bigint * 86400000 AS day, sum(p.amount) AS total
       FROM journal_entries e
       JOIN resellers r ON r.id = e.reseller_id
       JOIN postings p ON p.reseller_id = e.reseller_id AND p.entry_id = e.id AND p.account_id = r.credit_account_id
      WHERE e.reseller_id = $1 AND e.created_at >= $2
      GROUP BY 1`,
    [resellerId, new Date(from + DAY_MS).toISOString()],
  );
  const posted = new Map(sums.map((s) => [toMinor(s.day), toMinor(s.total)]));
  const points: { day: string; balance: number }[] = [];
  let closing = toMinor(r.balance);
  for (let day = today; day >= from; day -= DAY_MS) {
    points.push({ day: new Date(day).toISOString().slice(0, 10), balance: closing });
    closing -= posted.get(day) ?? 0;
  }
  return { currency: r.currency.trim(), points: points.reverse() };
}
