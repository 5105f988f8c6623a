import { useEffect, useState } from 'react';
import { errorText } from '../../errors/error-text';
import { useTopUp } from '../../hooks/credit/use-top-up';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';

/**
 * The saved card behind purchases and auto top-up: add one on the payment provider's hosted page (a new window; the
 * card number is typed there, never here) and wait until it is saved; delete it (auto top-up turns off).
 */
export function PaymentMethodPanel({ onChanged }: { onChanged: () => void }) {
  const { m } = useL10n();
  const t = m.wallet.card;
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
      const { card: now } = currentL10n().m.wallet;
      toast('ok', r.autoTopUpDisabled ? now.deletedAutoOff : now.deleted);
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
        {t.title} {methods.stale ? <span className="pill pill-offline">{m.wallet.offline}</span> : null}
      </h2>
      {methods.error && !methods.value ? <p className="muted">{methods.error}</p> : null}
      {card ? (
        <p data-testid="wallet-card-saved">
          <strong>
            {card.brand.toUpperCase()} •••• {card.last4}
          </strong>{' '}
          <span className="muted">
            {t.expires({ month: String(card.expMonth).padStart(2, '0'), year: String(card.expYear) })}
          </span>
        </p>
      ) : methods.value ? (
        <p className="muted">{t.noCard}</p>
      ) : null}
      {setup.phase === 'waiting' ? (
        <div className="wallet-confirm" role="status" data-testid="wallet-card-waiting">
          <p>{windowOpened ? t.typeOnPageWindow : t.typeOnPage}</p>
          {!windowOpened ? (
            <p>
              <a href={setup.hostedUrl} target="_blank" rel="noopener noreferrer">
                {t.openPage}
              </a>
            </p>
          ) : null}
          <button type="button" className="btn" onClick={cancel}>
            {t.stopWaiting}
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
            {card ? t.replace : t.add}
          </button>
          {card && confirmDelete !== card.id ? (
            <button
              type="button"
              className="btn btn-danger-outline"
              onClick={() => setConfirmDelete(card.id)}
              data-testid="wallet-delete-card"
            >
              {t.deleteAsk}
            </button>
          ) : null}
        </div>
      )}
      {card && confirmDelete === card.id ? (
        <div className="wallet-confirm" role="group" aria-label={t.confirmDeleteGroup}>
          <p>{t.confirmDelete}</p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-danger"
              autoFocus
              onClick={() => void del(card.id)}
              data-testid="wallet-delete-card-confirm"
            >
              {t.delete}
            </button>
            <button type="button" className="btn" onClick={() => setConfirmDelete(null)}>
              {t.keep}
            </button>
          </div>
        </div>
      ) : null}
      {setup.phase === 'saved' ? (
        <p className="ok" role="status" data-testid="wallet-card-added">
          {t.saved}
        </p>
      ) : null}
      {setup.phase === 'expired' ? <p className="error">{t.expired}</p> : null}
      {setup.phase === 'failed' ? <p className="error">{setup.error}</p> : null}
    </section>
  );
}
