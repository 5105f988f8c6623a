import { useState } from 'react';
import type { OutcomeNotShownItem, UnseenSaleOutcome } from '../../../../core/contract/types/sales';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useOutcomesNotShown } from '../../hooks/use-outcomes-not-shown';
import { ReceiptButtons } from '../../receipts/ReceiptButtons';
import { useAppStore } from '../../store/app-store';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import type { Catalog } from '../../../../core/i18n/catalog';
import '../../styles/outcomes.css';

/** The catalog's key of each outcome. */
const OUTCOME_KEY = { sold: 'sold', not_sold: 'notSold', waiting: 'waiting' } as const satisfies Readonly<
  Record<UnseenSaleOutcome, keyof Catalog['sales']['outcomes']['outcome']>
>;
const OUTCOME_CLASS: Readonly<Record<UnseenSaleOutcome, string>> = {
  sold: 'sync-synced',
  not_sold: 'sync-rejected',
  waiting: 'sync-queued',
};

/**
 * "Outcome not shown": sales made before the app restarted whose outcome the counter never showed (the app was
 * closed or crashed while they waited for the server), with what became of each, their receipt, and a way to mark
 * each dealt with. Renders nothing when there are none.
 */
export function OutcomesNotShownPanel({ canPrint }: { canPrint: boolean }) {
  const toast = useAppStore((s) => s.toast);
  const { m, fmt } = useL10n();
  const t = m.sales.outcomes;
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
      toast('ok', currentL10n().m.sales.outcomes.markedDealtWith({ number: sale.saleNumber }));
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
        {t.title} <span className="nav-badge">{fmt.count(data.count)}</span>
      </h2>
      <p className="muted">{t.intro}</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="table" data-testid="outcomes-table">
        <thead>
          <tr>
            <th>{t.columns.sale}</th>
            <th>{t.columns.package}</th>
            <th>{t.columns.customer}</th>
            <th className="num">{t.columns.amount}</th>
            <th>{t.columns.outcome}</th>
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
                {fmt.count(s.quantity)} × {s.packageName}
              </td>
              <td className="mono nowrap">{s.customerAccount}</td>
              <td className="num nowrap">{moneyText(s.retailAmount, s.currency)}</td>
              <td>
                <span
                  className={`sync-badge ${OUTCOME_CLASS[s.outcome]}`}
                  title={t.hint[OUTCOME_KEY[s.outcome]]}
                  data-testid="outcome-state"
                >
                  {t.outcome[OUTCOME_KEY[s.outcome]]}
                </span>
                <div className="outcome-hint muted">{t.hint[OUTCOME_KEY[s.outcome]]}</div>
              </td>
              <td>
                <div className="outcome-actions">
                  {s.printable ? <ReceiptButtons saleId={s.id} canPrint={canPrint} /> : null}
                  <button
                    type="button"
                    className="btn"
                    disabled={!s.canMarkDealtWith || busy === s.id}
                    title={s.canMarkDealtWith ? undefined : t.waitForServer}
                    onClick={() => void dealtWith(s)}
                    data-testid="outcome-dealt-with"
                  >
                    {t.markDealtWith}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.count > data.items.length ? (
        <p className="muted">
          {t.showingNewest({ shown: fmt.count(data.items.length), total: fmt.count(data.count) })}
        </p>
      ) : null}
    </section>
  );
}
