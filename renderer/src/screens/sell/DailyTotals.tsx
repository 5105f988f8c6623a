import { useEffect, useState } from 'react';
import { call } from '../../contract/contract-client';
import { moneyText } from '../../format/money-text';

type Totals = Awaited<ReturnType<typeof call<'sales.totals'>>>;

/**
 * Today's sales count and amount (and refunds), and this shift's cash taken (and handed back for refunds), under the
 * Sell screen; refreshed after each sale.
 */
export function DailyTotals({ version }: { version: number }) {
  const [totals, setTotals] = useState<Totals | null>(null);
  useEffect(() => {
    call('sales.totals', {})
      .then(setTotals)
      .catch(() => setTotals(null));
  }, [version]);
  if (!totals) return null;
  return (
    <div className="daily-totals" data-testid="daily-totals">
      <span>
        Today: <strong data-testid="totals-today-count">{totals.today.count}</strong>{' '}
        {totals.today.count === 1 ? 'sale' : 'sales'} ·{' '}
        <strong data-testid="totals-today-amount">{moneyText(totals.today.amount, totals.currency)}</strong>
        {totals.today.refunds.count > 0 ? (
          <>
            {' '}
            · refunds{' '}
            <strong data-testid="totals-today-refunds">
              {moneyText(totals.today.refunds.amount, totals.currency)}
            </strong>
          </>
        ) : null}
      </span>
      <span>
        This shift: <strong>{totals.shift.count}</strong> {totals.shift.count === 1 ? 'sale' : 'sales'} · cash{' '}
        <strong data-testid="totals-shift-cash">{moneyText(totals.shift.cashTaken, totals.currency)}</strong>
        {totals.shift.cashRefunded > 0 ? (
          <>
            {' '}
            · handed back{' '}
            <strong data-testid="totals-shift-refunded">
              {moneyText(totals.shift.cashRefunded, totals.currency)}
            </strong>
          </>
        ) : null}
      </span>
    </div>
  );
}
