import { useCallback, useState, type FormEvent } from 'react';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { useRemoteValue } from '../../hooks/credit/use-remote-value';
import { useAppStore } from '../../store/app-store';
import { parseMoneyField } from './money-field';

/** Moves credits to an affiliate (sub-reseller); shown only when the reseller has affiliates. */
export function TransferPanel({ currency, onDone }: { currency: string; onDone: () => void }) {
  const toast = useAppStore((s) => s.toast);
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
    if (!target) return setError('Choose the affiliate.');
    const parsed = parseMoneyField(amount, currency, 'Amount');
    if (!parsed.ok) return setError(parsed.error);
    setError(null);
    setConfirming(parsed.value);
  };
  const send = async (value: number): Promise<void> => {
    setBusy(true);
    try {
      const t = await call('wallet.transfer', { toResellerId: to, amount: value });
      toast('ok', `Moved ${moneyText(t.amount, t.currency)} to ${target?.name ?? 'the affiliate'}.`);
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
      <h2 id="wallet-transfer-title">Move credits to an affiliate</h2>
      <form className="wallet-form" onSubmit={check} noValidate>
        <label>
          Affiliate
          <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="wallet-transfer-to">
            <option value="">Choose…</option>
            {list.map((a) => (
              <option key={a.resellerId} value={a.resellerId}>
                {a.name}
                {a.balance !== null ? ` (${moneyText(a.balance, a.currency)})` : ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          Amount
          <input
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            data-testid="wallet-transfer-amount"
          />
        </label>
        <div className="actions">
          <button type="submit" className="btn">
            Move…
          </button>
        </div>
      </form>
      {confirming !== null && target ? (
        <div className="wallet-confirm" role="group" aria-label="Confirm the transfer">
          <p>
            Move <strong>{moneyText(confirming, currency)}</strong> to <strong>{target.name}</strong>?
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
              Move credits
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(null)}>
              Cancel
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
