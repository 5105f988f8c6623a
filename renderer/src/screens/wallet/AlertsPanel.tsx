import { useCallback, useState, type FormEvent } from 'react';
import type { WalletAlertSettings } from '../../../../core/wallet/wallet-api';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatShortLocalTime } from '../../format/local-time';
import { useRemoteValue } from '../../hooks/credit/use-remote-value';
import { useAppStore } from '../../store/app-store';
import { moneyFieldText, parseMoneyField } from './money-field';

/**
 * Balance alert level and webhook: a notification on every terminal and a signed POST to the reseller's URL when a
 * debit takes the balance under the level. A new signing secret is shown once, with a copy button; then the delivery
 * log.
 */
export function AlertsPanel({ currency }: { currency: string }) {
  const toast = useAppStore((s) => s.toast);
  const readSettings = useCallback(() => call('wallet.alertSettings', {}), []);
  const settings = useRemoteValue(readSettings);
  const readDeliveries = useCallback(() => call('wallet.webhookDeliveries', { limit: 10 }), []);
  const deliveries = useRemoteValue(readDeliveries, true);
  const s = settings.value;
  // The form starts from the saved settings and again whenever they change (a save answers them anew).
  const formKey = s ? `${s.alertLevel}|${s.webhookUrl}|${s.hasWebhookSecret}` : null;
  const [secret, setSecret] = useState<string | null>(null);

  return (
    <section className="card wallet-alerts" aria-labelledby="wallet-alerts-title" data-testid="wallet-alerts">
      <h2 id="wallet-alerts-title">
        Balance alert and webhook {settings.stale ? <span className="pill pill-offline">Offline</span> : null}
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
            toast('ok', 'Alert settings saved.');
          }}
        />
      ) : null}
      {secret ? (
        <div className="wallet-confirm" role="status" data-testid="wallet-webhook-secret">
          <p>
            Signing secret (shown only now; keep it with the receiver):{' '}
            <code className="mono wallet-secret">{secret}</code>
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() =>
                void navigator.clipboard
                  .writeText(secret)
                  .then(() => toast('ok', 'Secret copied.'))
                  .catch(() => toast('warn', 'Copy failed: select the secret and copy it.'))
              }
            >
              Copy
            </button>
            <button type="button" className="btn btn-small" onClick={() => setSecret(null)}>
              I saved it
            </button>
          </div>
        </div>
      ) : null}
      <h3>Webhook deliveries</h3>
      <div className="table-scroll">
        <table className="table" data-testid="wallet-deliveries">
          <thead>
            <tr>
              <th>When</th>
              <th>Event</th>
              <th>Status</th>
              <th className="num">Tries</th>
              <th>Last answer</th>
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
                  None yet.
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
  const [level, setLevel] = useState(() => moneyFieldText(s.alertLevel, currency));
  const [url, setUrl] = useState(s.webhookUrl ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (rotateSecret: boolean, e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    let alertLevel: number | null = null;
    if (level.trim() !== '') {
      const parsed = parseMoneyField(level, currency, 'Alert level', { allowZero: true });
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
        Alert when the balance falls under
        <input
          inputMode="decimal"
          value={level}
          placeholder="no alert"
          onChange={(e) => setLevel(e.target.value)}
          data-testid="wallet-alert-level"
        />
      </label>
      <label>
        Webhook URL
        <input
          type="url"
          value={url}
          placeholder="https://example.com/refill-webhook"
          onChange={(e) => setUrl(e.target.value)}
          data-testid="wallet-webhook-url"
        />
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="wallet-alert-save">
          Save
        </button>
        {s.hasWebhookSecret ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void submit(true)}>
            New signing secret
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
