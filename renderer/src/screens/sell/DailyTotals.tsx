import { useEffect, useState } from 'react';
import { call } from '../../contract/contract-client';
import { moneyText } from '../../format/money-text';

type Totals = Awaited<ReturnType<typeof call<'sales.totals'>>>;

/** Today's sales count and amount, and this shift's cash, under the Sell screen; refreshed after each sale. */
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
      </span>
      <span>
        This shift: <strong>{totals.shift.count}</strong> {totals.shift.count === 1 ? 'sale' : 'sales'} · cash{' '}
        <strong data-testid="totals-shift-cash">{moneyText(totals.shift.cashTaken, totals.currency)}</strong>
      </span>
    </div>
  );
}
