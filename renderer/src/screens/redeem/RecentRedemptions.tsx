import { useCallback, useEffect, useState } from 'react';
import type { RedemptionItem } from '../../../../core/contract/types/cards';
import { call, on } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';

/** The latest redemptions at this terminal with what became of them; reloads when one settles or a sync ends. */
export function RecentRedemptions({ version }: { version: number }) {
  const [items, setItems] = useState<readonly RedemptionItem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const t = useL10n().m.redeem.recent;

  const load = useCallback(() => {
    call('cards.redemptions', { limit: 20 })
      .then((r) => {
        setItems(r);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, []);

  useEffect(() => {
    load();
  }, [load, version]);
  useEffect(() => {
    let syncing = false;
    const offSettled = on('cards.redemptionSettled', () => load());
    const offStatus = on('app.status', (s) => {
      if (syncing && !s.syncing) load();
      syncing = s.syncing;
    });
    return () => {
      offSettled();
      offStatus();
    };
  }, [load]);

  return (
    <div className="card redeem-recent" data-testid="redeem-recent">
      <h2>{t.title}</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {items.length === 0 && !error ? <p className="muted">{t.none}</p> : null}
      {items.length > 0 ? (
        <table className="table redeem-table">
          <thead>
            <tr>
              <th>{t.timeCustomer}</th>
              <th>{t.cardAmount}</th>
              <th>{t.result}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} data-testid="redemption-row" data-state={r.state}>
                <td>
                  <div className="nowrap">{formatShortLocalTime(r.createdAt)}</div>
                  <div className="mono nowrap">{r.customerAccount}</div>
                </td>
                <td>
                  <div className="mono nowrap">{r.serial ?? '—'}</div>
                  <div className="nowrap">{moneyText(r.amount, r.currency)}</div>
                </td>
                <td>
                  <span className={`redeem-badge redeem-${r.state}`} data-testid="redemption-state">
                    {t.state[r.state]}
                  </span>
                  {r.state === 'failed' && r.message ? <div className="redeem-why">{r.message}</div> : null}
                  {r.state === 'pending' ? <div className="redeem-why">{t.checkedLater}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
