import { useCallback, useState, type FormEvent } from 'react';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { useRemoteValue } from '../../hooks/credit/use-remote-value';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import { Emphasized } from './Emphasized';
import { parseMoneyField } from './money-field';

/** Moves credits to an affiliate (sub-reseller); shown only when the reseller has affiliates. */
export function TransferPanel({ currency, onDone }: { currency: string; onDone: () => void }) {
  const toast = useAppStore((s) => s.toast);
  const l10n = useL10n();
  const t = l10n.m.wallet.transfer;
  const read = useCallback(() => call('wallet.affiliates', {}), []);
  const affiliates = useRemoteValue(read);
  const [to, setTo] = useState('');
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = affiliates.value ?? [];
  if (list.length === 0) return null;
  const target = list.find((a) => a.resellerId === to) ?? null;

  const check = (e: FormEvent): void => {
    e.preventDefault();
    if (!target) return setError(t.chooseAffiliate);
    const parsed = parseMoneyField(amount, currency, t.amountField, l10n);
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    setConfirming(parsed.value);
  };
  const send = async (value: number): Promise<void> => {
    setBusy(true);
    try {
      const done = await call('wallet.transfer', { toResellerId: to, amount: value });
      const now = currentL10n().m.wallet.transfer;
      toast(
        'ok',
        now.moved({ amount: moneyText(done.amount, done.currency), to: target?.name ?? now.theAffiliate }),
      );
      setConfirming(null);
      setAmount('');
      affiliates.reload();
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className="card wallet-transfer"
      aria-labelledby="wallet-transfer-title"
      data-testid="wallet-transfer"
    >
      <h2 id="wallet-transfer-title">{t.title}</h2>
      <form className="wallet-form" onSubmit={check} noValidate>
        <label>
          {t.affiliate}
          <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="wallet-transfer-to">
            <option value="">{t.choose}</option>
            {list.map((a) => (
              <option key={a.resellerId} value={a.resellerId}>
                {a.name}
                {a.balance !== null ? ` (${moneyText(a.balance, a.currency)})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.amountField}
          <input
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            data-testid="wallet-transfer-amount"
          />
        </label>
        <div className="actions">
          <button type="submit" className="btn">
            {t.move}
          </button>
        </div>
      </form>
      {confirming !== null && target ? (
        <div className="wallet-confirm" role="group" aria-label={t.confirmGroup}>
          <p>
            <Emphasized
              text={t.confirm}
              values={{ amount: moneyText(confirming, currency), to: target.name }}
            />
          </p>
          <div className="actions">
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy}
              autoFocus
              onClick={() => void send(confirming)}
              data-testid="wallet-transfer-confirm"
            >
              {t.moveCredits}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              {l10n.m.common.cancel}
            </button>
          </div>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
