import { useState } from 'react';
import type { OutcomeNotShownItem, UnseenSaleOutcome } from '../../../../core/contract/types/sales';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useOutcomesNotShown } from '../../hooks/use-outcomes-not-shown';
import { ReceiptButtons } from '../../receipts/ReceiptButtons';
import { useAppStore } from '../../store/app-store';
import '../../styles/outcomes.css';

const OUTCOME_TEXT: Readonly<Record<UnseenSaleOutcome, string>> = {
  sold: 'Sold',
  not_sold: 'Not sold',
  waiting: 'Waiting for the server',
};
const OUTCOME_CLASS: Readonly<Record<UnseenSaleOutcome, string>> = {
  sold: 'sync-synced',
  not_sold: 'sync-rejected',
  waiting: 'sync-queued',
};
/** What the clerk should do, by outcome. */
const OUTCOME_HINT: Readonly<Record<UnseenSaleOutcome, string>> = {
  sold: 'The customer got the top-up. Print the receipt if they need it.',
  not_sold: 'Nothing was charged: the customer did not get the top-up.',
  waiting: 'The server has not answered yet; this updates after the next sync.',
};

/**
 * "Outcome not shown": sales made before the app restarted whose outcome the counter never showed (the app was
 * closed or crashed while they waited for the server), with what became of each, their receipt, and a way to mark
 * each dealt with. Renders nothing when there are none.
 */
export function OutcomesNotShownPanel({ canPrint }: { canPrint: boolean }) {
  const toast = useAppStore((s) => s.toast);
  const { data, error, reload } = useOutcomesNotShown(200);
  const [busy, setBusy] = useState<string | null>(null);
  if (!data || data.count === 0)
    return error ? (
      <p className="error" role="alert">
        {error}
      </p>
    ) : null;

  const dealtWith = async (sale: OutcomeNotShownItem): Promise<void> => {
    setBusy(sale.id);
    try {
      await call('sales.outcomeDealtWith', { saleId: sale.id });
      toast('ok', `Sale ${sale.saleNumber} marked dealt with`);
      reload();
    } catch (err) {
      toast('bad', errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card outcomes-panel" aria-labelledby="outcomes-title" data-testid="outcomes-panel">
      <h2 id="outcomes-title">
        Outcome not shown <span className="nav-badge">{data.count}</span>
      </h2>
      <p className="muted">
        The app stopped (closed or crashed) before the counter showed whether these sales went through. Check
        each with the customer, print the receipt of a sold one, then mark it dealt with.
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="table" data-testid="outcomes-table">
        <thead>
          <tr>
            <th>Sale</th>
            <th>Package</th>
            <th>Customer</th>
            <th className="num">Amount</th>
            <th>Outcome</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data.items.map((s) => (
            <tr key={s.id} data-testid={`outcome-row-${s.saleNumber}`}>
              <td className="nowrap">
                <div className="mono" data-testid="outcome-sale-number">
                  {s.saleNumber}
                </div>
                <div className="muted outcome-time">{formatShortLocalTime(s.createdAt)}</div>
              </td>
              <td className="nowrap">
                {s.quantity} × {s.packageName}
              </td>
              <td className="mono nowrap">{s.customerAccount}</td>
              <td className="num nowrap">{moneyText(s.retailAmount, s.currency)}</td>
              <td>
                <span
                  className={`sync-badge ${OUTCOME_CLASS[s.outcome]}`}
                  title={OUTCOME_HINT[s.outcome]}
                  data-testid="outcome-state"
                >
                  {OUTCOME_TEXT[s.outcome]}
                </span>
                <div className="outcome-hint muted">{OUTCOME_HINT[s.outcome]}</div>
              </td>
              <td>
                <div className="outcome-actions">
                  {s.printable ? <ReceiptButtons saleId={s.id} canPrint={canPrint} /> : null}
                  <button
                    type="button"
                    className="btn"
                    disabled={!s.canMarkDealtWith || busy === s.id}
                    title={s.canMarkDealtWith ? undefined : 'Wait until the server has answered'}
                    onClick={() => void dealtWith(s)}
                    data-testid="outcome-dealt-with"
                  >
                    Mark dealt with
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.count > data.items.length ? (
        <p className="muted">
          Showing the newest {data.items.length} of {data.count}.
        </p>
      ) : null}
    </section>
  );
}
