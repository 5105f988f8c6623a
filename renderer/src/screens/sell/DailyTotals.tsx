import { useEffect, useState } from 'react';
import { call } from '../../contract/contract-client';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';

type Totals = Awaited<ReturnType<typeof call<'sales.totals'>>>;

/**
 * Today's sales count and amount (and refunds), and this shift's cash taken (and handed back for refunds), under the
 * Sell screen; refreshed after each sale.
 */
export function DailyTotals({ version }: { version: number }) {
  const [totals, setTotals] = useState<Totals | null>(null);
  const { m, fmt } = useL10n();
  const t = m.sell.totals;
  useEffect(() => {
    call('sales.totals', {})
      .then(setTotals)
      .catch(() => setTotals(null));
  }, [version]);
  if (!totals) return null;
  return (
    <div className="daily-totals" data-testid="daily-totals">
      <span>
        {t.today} <strong data-testid="totals-today-count">{fmt.count(totals.today.count)}</strong>{' '}
        {fmt.counted(totals.today.count, t.sales)} ·{' '}
        <strong data-testid="totals-today-amount">{moneyText(totals.today.amount, totals.currency)}</strong>
        {totals.today.refunds.count > 0 ? (
          <>
            {' '}
            · {t.refunds}{' '}
            <strong data-testid="totals-today-refunds">
              {moneyText(totals.today.refunds.amount, totals.currency)}
            </strong>
          </>
        ) : null}
      </span>
      <span>
        {t.thisShift} <strong>{fmt.count(totals.shift.count)}</strong>{' '}
        {fmt.counted(totals.shift.count, t.sales)} · {t.cash}{' '}
        <strong data-testid="totals-shift-cash">{moneyText(totals.shift.cashTaken, totals.currency)}</strong>
        {totals.shift.cashRefunded > 0 ? (
          <>
            {' '}
            · {t.handedBack}{' '}
            <strong data-testid="totals-shift-refunded">
              {moneyText(totals.shift.cashRefunded, totals.currency)}
            </strong>
          </>
        ) : null}
      </span>
    </div>
  );
}
