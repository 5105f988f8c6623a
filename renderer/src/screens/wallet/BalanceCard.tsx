import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useBalance } from '../../hooks/credit/use-balance';
import { useL10n } from '../../i18n/locale-store';

/**
 * The reseller's credits: the central API's view as last pulled, this terminal's debits still waiting to sync, what
 * may still be spent, and when it was last synced; marked out of date while offline.
 */
export function BalanceCard() {
  const { m, fmt } = useL10n();
  const t = m.wallet.balance;
  const { value, error, stale } = useBalance();
  const currency = value?.currency ?? null;
  return (
    <section
      className="card wallet-balance"
      aria-labelledby="wallet-balance-title"
      data-testid="wallet-balance"
    >
      <h2 id="wallet-balance-title">
        {t.title}{' '}
        {stale ? (
          <span className="pill pill-offline" data-testid="wallet-stale">
            {t.stale}
          </span>
        ) : null}
      </h2>
      {error ? <p className="error">{error}</p> : null}
      <div className="wallet-balance-figures">
        <div>
          <span className="muted">{t.available}</span>
          <strong className="wallet-balance-main" data-testid="wallet-available">
            {moneyText(value?.available, currency)}
          </strong>
        </div>
        <div>
          <span className="muted">{t.server}</span>
          <strong data-testid="wallet-server-balance">{moneyText(value?.serverBalance, currency)}</strong>
        </div>
        <div>
          <span className="muted">{t.pending}</span>
          <strong data-testid="wallet-pending">
            {value && value.pendingDebits > 0 ? `-${moneyText(value.pendingDebits, currency)}` : '—'}
          </strong>
          <span className="muted">{value ? fmt.counted(value.pendingCount, t.commandCount) : ''}</span>
        </div>
      </div>
      <p className="muted">
        {t.lastSynced({ when: value?.lastSyncAt ? formatShortLocalTime(value.lastSyncAt) : t.never })}
      </p>
    </section>
  );
}
