import { useState } from 'react';
import type { CreditPackage } from '../../../../core/wallet/wallet-api';
import { moneyText } from '../../format/money-text';
import { useBuyPackage } from '../../hooks/credit/use-buy-package';

const STATUS_TEXT: Readonly<Record<string, string>> = {
  succeeded: 'Paid: the credits were added.',
  paid: 'Paid: the credits were added.',
  invoiced: 'Invoiced: the credits are added when the invoice is paid.',
  pending: 'Waiting for the payment provider.',
  declined: 'Declined by the card issuer: nothing was charged.',
  failed: 'The payment failed: nothing was charged.',
};

/** Credit packages to buy now with the saved card: pick one, confirm the price, see the result. */
export function PackagesPanel() {
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
        Buy credits {packages.stale ? <span className="pill pill-offline">Offline</span> : null}
      </h2>
      {packages.error && !packages.value ? <p className="muted">{packages.error}</p> : null}
      {waiting ? (
        <p className="warn" role="status">
          A purchase had no answer from the central API. Buy the same package again to finish it: it is never
          charged twice.
        </p>
      ) : null}
      {list.length === 0 && packages.value ? <p className="muted">No credit packages on sale.</p> : null}
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
            <span className="muted">{moneyText(p.credits, p.currency)} credits</span>
            <strong>{moneyText(p.price, p.currency)}</strong>
            {waiting?.packageId === p.id ? <span className="pill pill-offline">Unanswered</span> : null}
          </button>
        ))}
      </div>
      {chosen && state.phase !== 'done' ? (
        <div className="wallet-confirm" role="group" aria-label="Confirm the purchase">
          <p>
            Charge <strong>{moneyText(chosen.price, chosen.currency)}</strong> to the saved card for{' '}
            <strong>{moneyText(chosen.credits, chosen.currency)}</strong> credits?
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
              {state.phase === 'buying' ? 'Buying…' : `Pay ${moneyText(chosen.price, chosen.currency)}`}
            </button>
            <button type="button" className="btn" onClick={() => setChosen(null)}>
              Cancel
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
          <strong>{STATUS_TEXT[state.purchase.status] ?? state.purchase.status}</strong>
          <span className="muted">
            {moneyText(state.purchase.credits, state.purchase.currency)} credits for{' '}
            {moneyText(state.purchase.price, state.purchase.currency)}
            {state.purchase.declineCode ? ` (${state.purchase.declineCode.replace(/_/g, ' ')})` : ''}
            {state.purchase.balanceAfter !== null
              ? `; balance now ${moneyText(state.purchase.balanceAfter, state.purchase.currency)}`
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
            Done
          </button>
        </div>
      ) : null}
    </section>
  );
}
