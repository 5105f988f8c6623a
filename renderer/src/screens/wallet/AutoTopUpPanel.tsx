import { useEffect, useState, type FormEvent } from 'react';
import type { AutoTopUpAttempt, AutoTopUpRule } from '../../../../core/wallet/wallet-api';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { ruleStateText } from '../../hooks/credit/auto-top-up-state';
import type { AutoTopUp } from '../../hooks/credit/use-auto-top-up-rule';
import { useAppStore } from '../../store/app-store';
import { moneyFieldText, parseMoneyField } from './money-field';

const OUTCOME_TEXT: Readonly<Record<AutoTopUpAttempt['outcome'], string>> = {
  in_flight: 'In progress',
  succeeded: 'Succeeded',
  declined: 'Declined',
  skipped_day_limit: 'Skipped: daily limit',
  skipped_month_limit: 'Skipped: monthly limit',
  skipped_no_payment_method: 'Skipped: no card',
  skipped_paused: 'Skipped: paused',
};

interface Form {
  threshold: string;
  amount: string;
  maxPerDay: string;
  maxAmountPerMonth: string;
  enabled: boolean;
}

/**
 * Auto top-up: when a debit leaves the balance under the threshold, the central API buys `amount` credits with the
 * saved card, within a count per day and an amount per month. Shows whether the rule runs (or is paused, or was turned
 * off and why) and what it did recently.
 */
export function AutoTopUpPanel({ topUp, currency }: { topUp: AutoTopUp; currency: string }) {
  const { rule, attempts } = topUp;
  const r = rule.value ?? null;
  const now = useNow();
  // The form starts from the saved rule (or defaults) and starts again when the rule changes on the server (e.g.
  // turned off by the system), not when the same rule is read again (that would undo the manager's typing).
  const ruleKey = r
    ? `${r.updatedAt}|${r.enabled}|${r.disabledReason}`
    : rule.readAt !== null
      ? 'none'
      : null;
  const stateText = ruleStateText(r, now);

  return (
    <section className="card wallet-auto" aria-labelledby="wallet-auto-title" data-testid="wallet-auto-topup">
      <h2 id="wallet-auto-title">
        Auto top-up{' '}
        {r?.enabled && !stateText ? (
          <span className="pill pill-online" data-testid="wallet-auto-state">
            On
          </span>
        ) : (
          <span className="pill pill-idle" data-testid="wallet-auto-state">
            {r ? (r.enabled ? 'Paused' : 'Off') : 'Not set'}
          </span>
        )}{' '}
        {rule.stale ? <span className="pill pill-offline">Offline</span> : null}
      </h2>
      {stateText && r ? (
        <p className="warn" data-testid="wallet-auto-reason">
          {stateText}
        </p>
      ) : null}
      {rule.error && !rule.value ? <p className="muted">{rule.error}</p> : null}
      {ruleKey !== null ? <RuleForm key={ruleKey} rule={r} topUp={topUp} currency={currency} /> : null}
      <h3>Recent attempts</h3>
      <div className="table-scroll">
        <table className="table" data-testid="wallet-auto-attempts">
          <thead>
            <tr>
              <th>When</th>
              <th>Outcome</th>
              <th className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {(attempts.value ?? []).map((a) => (
              <tr key={a.attemptId} data-testid="wallet-auto-attempt" data-outcome={a.outcome}>
                <td className="nowrap">{formatShortLocalTime(a.createdAt)}</td>
                <td className="wallet-memo">
                  <strong>{OUTCOME_TEXT[a.outcome]}</strong>
                  {a.reason ? <span className="muted wallet-reason">{a.reason}</span> : null}
                </td>
                <td className="num nowrap">{moneyText(a.amount, a.currency)}</td>
              </tr>
            ))}
            {attempts.value && attempts.value.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
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

/** The time now, moved on every 30 s (a paused rule's "until" is compared with it). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The rule's form: threshold, amount, limits, enabled (checked here, then by the contract and the server). */
function RuleForm({
  rule,
  topUp,
  currency,
}: {
  rule: AutoTopUpRule | null;
  topUp: AutoTopUp;
  currency: string;
}) {
  const toast = useAppStore((s) => s.toast);
  const { saving, saveError, save } = topUp;
  const [form, setForm] = useState<Form>(() => ({
    threshold: moneyFieldText(rule?.threshold ?? 2_000, currency),
    amount: moneyFieldText(rule?.amount ?? 5_000, currency),
    maxPerDay: String(rule?.maxPerDay ?? 3),
    maxAmountPerMonth: moneyFieldText(rule?.maxAmountPerMonth ?? 50_000, currency),
    enabled: rule?.enabled ?? true,
  }));
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const threshold = parseMoneyField(form.threshold, currency, 'Threshold', { allowZero: true });
    const amount = parseMoneyField(form.amount, currency, 'Top-up amount');
    const month = parseMoneyField(form.maxAmountPerMonth, currency, 'Maximum per month');
    const perDay = Number(form.maxPerDay);
    if (!threshold.ok) return setError(threshold.error);
    if (!amount.ok) return setError(amount.error);
    if (!month.ok) return setError(month.error);
    if (!Number.isInteger(perDay) || perDay < 1 || perDay > 100)
      return setError('Top-ups per day is a whole number from 1 to 100.');
    setError(null);
    const saved = await save({
      threshold: threshold.value,
      amount: amount.value,
      maxPerDay: perDay,
      maxAmountPerMonth: month.value,
      enabled: form.enabled,
    });
    if (saved) toast('ok', saved.enabled ? 'Auto top-up is on.' : 'Auto top-up is off.');
  };
  const set = <K extends keyof Form>(k: K, v: Form[K]): void => setForm((f) => ({ ...f, [k]: v }));

  return (
    <form className="wallet-form" onSubmit={(e) => void submit(e)} noValidate>
      <label>
        When the balance falls under
        <input
          inputMode="decimal"
          value={form.threshold}
          onChange={(e) => set('threshold', e.target.value)}
          data-testid="wallet-auto-threshold"
        />
      </label>
      <label>
        Buy this many credits
        <input
          inputMode="decimal"
          value={form.amount}
          onChange={(e) => set('amount', e.target.value)}
          data-testid="wallet-auto-amount"
        />
      </label>
      <label>
        Top-ups per day at most
        <input
          inputMode="numeric"
          value={form.maxPerDay}
          onChange={(e) => set('maxPerDay', e.target.value)}
          data-testid="wallet-auto-per-day"
        />
      </label>
      <label>
        Amount per month at most
        <input
          inputMode="decimal"
          value={form.maxAmountPerMonth}
          onChange={(e) => set('maxAmountPerMonth', e.target.value)}
          data-testid="wallet-auto-per-month"
        />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={form.enabled}
          onChange={(e) => set('enabled', e.target.checked)}
          data-testid="wallet-auto-enabled"
        />
        Enabled
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="wallet-auto-save">
          {saving ? 'Saving…' : 'Save rule'}
        </button>
      </div>
      {error || saveError ? (
        <p className="error" role="alert">
          {error ?? saveError}
        </p>
      ) : null}
    </form>
  );
}
