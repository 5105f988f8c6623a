import { useEffect, useState } from 'react';
import { errorText } from '../../errors/error-text';
import { useTopUp } from '../../hooks/credit/use-top-up';
import { useAppStore } from '../../store/app-store';

/**
 * The saved card behind purchases and auto top-up: add one on the payment provider's hosted page (a new window; the
 * card number is typed there, never here) and wait until it is saved; delete it (auto top-up turns off).
 */
export function PaymentMethodPanel({ onChanged }: { onChanged: () => void }) {
  const toast = useAppStore((s) => s.toast);
  const { methods, setup, windowOpened, addCard, cancel, remove } = useTopUp();
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const card = methods.value?.[0] ?? null;
  useEffect(() => {
    if (setup.phase === 'saved') onChanged();
  }, [setup.phase, onChanged]);

  const del = async (id: string): Promise<void> => {
    try {
      const r = await remove(id);
      setConfirmDelete(null);
      toast('ok', r.autoTopUpDisabled ? 'Card deleted. Auto top-up is now off.' : 'Card deleted.');
      onChanged();
    } catch (err) {
      toast('bad', errorText(err));
    }
  };

  return (
    <section
      className="card wallet-card"
      aria-labelledby="wallet-card-title"
      data-testid="wallet-payment-method"
    >
      <h2 id="wallet-card-title">
        Payment card {methods.stale ? <span className="pill pill-offline">Offline</span> : null}
      </h2>
      {methods.error && !methods.value ? <p className="muted">{methods.error}</p> : null}
      {card ? (
        <p data-testid="wallet-card-saved">
          <strong>
            {card.brand.toUpperCase()} •••• {card.last4}
          </strong>{' '}
          <span className="muted">
            expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
          </span>
        </p>
      ) : methods.value ? (
        <p className="muted">No card saved: purchases and auto top-up need one.</p>
      ) : null}
      {setup.phase === 'waiting' ? (
        <div className="wallet-confirm" role="status" data-testid="wallet-card-waiting">
          <p>
            Type the card on the payment provider’s page
            {windowOpened ? ' (a new window)' : ''}. This updates once it is saved.
          </p>
          {!windowOpened ? (
            <p>
              <a href={setup.hostedUrl} target="_blank" rel="noopener noreferrer">
                Open the card page
              </a>
            </p>
          ) : null}
          <button type="button" className="btn" onClick={cancel}>
            Stop waiting
          </button>
        </div>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={setup.phase === 'starting'}
            onClick={() => void addCard()}
            data-testid="wallet-add-card"
          >
            {card ? 'Replace card…' : 'Add card…'}
          </button>
          {card && confirmDelete !== card.id ? (
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => setConfirmDelete(card.id)}
              data-testid="wallet-delete-card"
            >
              Delete card…
            </button>
          ) : null}
        </div>
      )}
      {card && confirmDelete === card.id ? (
        <div className="wallet-confirm" role="group" aria-label="Confirm deleting the card">
          <p>Delete the saved card? Auto top-up turns off until a card is added and it is enabled again.</p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-danger"
              autoFocus
              onClick={() => void del(card.id)}
              data-testid="wallet-delete-card-confirm"
            >
              Delete card
            </button>
            <button type="button" className="btn" onClick={() => setConfirmDelete(null)}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      {setup.phase === 'saved' ? (
        <p className="ok" role="status" data-testid="wallet-card-added">
          Card saved.
        </p>
      ) : null}
      {setup.phase === 'expired' ? <p className="error">The card page expired. Add the card again.</p> : null}
      {setup.phase === 'failed' ? <p className="error">{setup.error}</p> : null}
    </section>
  );
}
