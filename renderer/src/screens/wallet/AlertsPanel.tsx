import { useCallback, useState, type FormEvent } from 'react';
import type { WalletAlertSettings } from '../../../../core/wallet/wallet-api';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatShortLocalTime } from '../../format/local-time';
import { useRemoteValue } from '../../hooks/credit/use-remote-value';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import { moneyFieldText, parseMoneyField } from './money-field';

/**
 * Balance alert level and webhook: a notification on every terminal and a signed POST to the reseller's URL when a
 * debit takes the balance under the level. A new signing secret is shown once, with a copy button; then the delivery
 * log.
 */
export function AlertsPanel({ currency }: { currency: string }) {
  const { m, fmt } = useL10n();
  const t = m.wallet.alerts;
  const toast = useAppStore((s) => s.toast);
  const readSettings = useCallback(() => call('wallet.alertSettings', {}), []);
  const settings = useRemoteValue(readSettings);
  const readDeliveries = useCallback(() => call('wallet.webhookDeliveries', { limit: 10 }), []);
  const deliveries = useRemoteValue(readDeliveries, true);
  const s = settings.value;
  // The form starts from the saved settings and again whenever they change (a save answers them anew), or the
  // locale does (the amount is written with its decimal separator).
  const formKey = s ? `${s.alertLevel}|${s.webhookUrl}|${s.hasWebhookSecret}|${fmt.locale}` : null;
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <section className="card wallet-alerts" aria-labelledby="wallet-alerts-title" data-testid="wallet-alerts">
      <h2 id="wallet-alerts-title">
        {t.title} {settings.stale ? <span className="pill pill-offline">{m.wallet.offline}</span> : null}
      </h2>
      {settings.error && !s ? <p className="muted">{settings.error}</p> : null}
      {s && formKey !== null ? (
        <AlertsForm
          key={formKey}
          settings={s}
          currency={currency}
          onSaved={(saved) => {
            if (saved.webhookSecret) setSecret(saved.webhookSecret);
            settings.reload();
            toast('ok', currentL10n().m.wallet.alerts.saved);
          }}
        />
      ) : null}
      {secret ? (
        <div className="wallet-confirm" role="status" data-testid="wallet-webhook-secret">
          <p>
            {t.secret} <code className="mono wallet-secret">{secret}</code>
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void navigator.clipboard
                  .writeText(secret)
                  .then(() => toast('ok', currentL10n().m.wallet.alerts.copied))
                  .catch(() => toast('warn', currentL10n().m.wallet.alerts.copyFailed))
              }
            >
              {t.copy}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setSecret(null)}>
              {t.savedIt}
            </button>
          </div>
        </div>
      ) : null}
      <h3>{t.deliveries}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="wallet-deliveries">
          <thead>
            <tr>
              <th>{m.wallet.when}</th>
              <th>{t.event}</th>
              <th>{t.status}</th>
              <th className="num">{t.tries}</th>
              <th>{t.lastAnswer}</th>
            </tr>
          </thead>
          <tbody>
            {(deliveries.value ?? []).map((d) => (
              <tr key={d.eventId}>
                <td className="nowrap">{formatShortLocalTime(d.createdAt)}</td>
                <td>{d.type}</td>
                <td>{d.status}</td>
                <td className="num">{d.attempts}</td>
                <td className="wallet-memo">
                  {d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : ''}
                  {d.lastError ? ` ${d.lastError}` : ''}
                </td>
              </tr>
            ))}
            {deliveries.value && deliveries.value.length === 0 ? (
              <tr>
                <td colSpan={5} className="muted">
                  {m.wallet.none}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The alert level and webhook URL fields, from the saved settings. */
function AlertsForm({
  settings: s,
  currency,
  onSaved,
}: {
  settings: WalletAlertSettings;
  currency: string;
  onSaved: (saved: WalletAlertSettings) => void;
}) {
  const l10n = useL10n();
  const t = l10n.m.wallet.alerts;
  const [level, setLevel] = useState(() => moneyFieldText(s.alertLevel, currency, l10n.fmt.locale));
  const [url, setUrl] = useState(s.webhookUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (rotateSecret: boolean, e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    let alertLevel: number | null = null;
    if (level.trim() !== '') {
      const parsed = parseMoneyField(level, currency, t.levelField, l10n, { allowZero: true });
      if (!parsed.ok) return setError(parsed.error);
      alertLevel = parsed.value;
    }
    const webhookUrl = url.trim() === '' ? null : url.trim();
    setBusy(true);
    setError(null);
    try {
      const saved: WalletAlertSettings = await call('wallet.setAlertSettings', {
        alertLevel,
        webhookUrl,
        rotateSecret: rotateSecret || (webhookUrl !== null && !s.hasWebhookSecret),
      });
      onSaved(saved);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="wallet-form" onSubmit={(e) => void submit(false, e)} noValidate>
      <label>
        {t.level}
        <input
          inputMode="decimal"
          value={level}
          placeholder={t.noAlert}
          onChange={(e) => setLevel(e.target.value)}
          data-testid="wallet-alert-level"
        />
      </label>
      <label>
        {t.webhookUrl}
        <input
          type="url"
          value={url}
          placeholder={t.webhookExample}
          onChange={(e) => setUrl(e.target.value)}
          data-testid="wallet-webhook-url"
        />
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="wallet-alert-save">
          {t.save}
        </button>
        {s.hasWebhookSecret ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void submit(true)}>
            {t.newSecret}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
