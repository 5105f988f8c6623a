import { useState } from 'react';
import type { CreditPackage } from '../../../../core/wallet/wallet-api';
import { moneyText } from '../../format/money-text';
import { useBuyPackage } from '../../hooks/credit/use-buy-package';
import { useL10n } from '../../i18n/locale-store';
import { Emphasized } from './Emphasized';

/** The words for a purchase's status, or the status itself when the catalog has none. */
function statusText(status: string, texts: Readonly<Record<string, string>>): string {
  return Object.hasOwn(texts, status) ? texts[status]! : status;
}

/** Credit packages to buy now with the saved card: pick one, confirm the price, see the result. */
export function PackagesPanel() {
  const { m } = useL10n();
  const t = m.wallet.packages;
  const { packages, state, buy, reset } = useBuyPackage();
  const [chosen, setChosen] = useState<CreditPackage | null>(null);
  const list = packages.value?.packages ?? [];
  const waiting = packages.value?.pendingPurchase ?? null;

  return (
    <section
      className="card wallet-packages"
      aria-labelledby="wallet-packages-title"
      data-testid="wallet-packages"
    >
      <h2 id="wallet-packages-title">
        {t.title} {packages.stale ? <span className="pill pill-offline">{m.wallet.offline}</span> : null}
      </h2>
      {packages.error && !packages.value ? <p className="muted">{packages.error}</p> : null}
      {waiting ? (
        <p className="warn" role="status">
          {t.unanswered}
        </p>
      ) : null}
      {list.length === 0 && packages.value ? <p className="muted">{t.noneOnSale}</p> : null}
      <div className="wallet-package-grid">
        {list.map((p) => (
          <button
            key={p.id}
            type="button"
            className={`wallet-package${chosen?.id === p.id ? ' wallet-package-chosen' : ''}`}
            aria-pressed={chosen?.id === p.id}
            onClick={() => {
              reset();
              setChosen(p);
            }}
            data-testid="wallet-package"
          >
            <span className="wallet-package-name">{p.name}</span>
            <span className="muted">{t.credits({ amount: moneyText(p.credits, p.currency) })}</span>
            <strong>{moneyText(p.price, p.currency)}</strong>
            {waiting?.packageId === p.id ? (
              <span className="pill pill-offline">{t.unansweredTag}</span>
            ) : null}
          </button>
        ))}
      </div>
      {chosen && state.phase !== 'done' ? (
        <div className="wallet-confirm" role="group" aria-label={t.confirmGroup}>
          <p>
            <Emphasized
              text={t.confirm}
              values={{
                price: moneyText(chosen.price, chosen.currency),
                credits: moneyText(chosen.credits, chosen.currency),
              }}
            />
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={state.phase === 'buying'}
              autoFocus
              onClick={() => void buy(chosen.id)}
              data-testid="wallet-buy-confirm"
            >
              {state.phase === 'buying'
                ? t.buying
                : t.pay({ price: moneyText(chosen.price, chosen.currency) })}
            </button>
            <button type="button" className="btn" onClick={() => setChosen(null)}>
              {m.common.cancel}
            </button>
          </div>
          {state.phase === 'failed' ? (
            <p className="error" role="alert">
              {state.error}
            </p>
          ) : null}
        </div>
      ) : null}
      {state.phase === 'done' ? (
        <div className="wallet-result" role="status" data-testid="wallet-buy-result">
          <strong>{statusText(state.purchase.status, t.status)}</strong>
          <span className="muted">
            {t.result({
              credits: moneyText(state.purchase.credits, state.purchase.currency),
              price: moneyText(state.purchase.price, state.purchase.currency),
            })}
            {state.purchase.declineCode ? ` (${state.purchase.declineCode.replace(/_/g, ' ')})` : ''}
            {state.purchase.balanceAfter !== null
              ? t.balanceNow({ balance: moneyText(state.purchase.balanceAfter, state.purchase.currency) })
              : ''}
            .
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              reset();
              setChosen(null);
            }}
          >
            {t.done}
          </button>
        </div>
      ) : null}
    </section>
  );
}
