import { useEffect, useState, type FormEvent } from 'react';
import type { AutoTopUpAttempt, AutoTopUpRule } from '../../../../core/wallet/wallet-api';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { ruleStateText } from '../../hooks/credit/auto-top-up-state';
import type { AutoTopUp } from '../../hooks/credit/use-auto-top-up-rule';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import { moneyFieldText, parseMoneyField } from './money-field';

/** The words for an attempt's outcome, or the outcome itself when the catalog has none. */
function outcomeText(outcome: AutoTopUpAttempt['outcome'], texts: Readonly<Record<string, string>>): string {
  return Object.hasOwn(texts, outcome) ? texts[outcome]! : outcome;
}

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
  const l10n = useL10n();
  const { m } = l10n;
  const t = m.wallet.auto;
  const { rule, attempts } = topUp;
  const r = rule.value ?? null;
  const now = useNow();
  // The form starts from the saved rule (or defaults) and starts again when the rule changes on the server (e.g.
  // turned off by the system), not when the same rule is read again (that would undo the manager's typing).
  // The locale too: the amounts are written with its decimal separator.
  const ruleKey = r
    ? `${r.updatedAt}|${r.enabled}|${r.disabledReason}|${l10n.fmt.locale}`
    : rule.readAt !== null
      ? `none|${l10n.fmt.locale}`
      : null;
  const stateText = ruleStateText(r, now, l10n);

  return (
    <section className="card wallet-auto" aria-labelledby="wallet-auto-title" data-testid="wallet-auto-topup">
      <h2 id="wallet-auto-title">
        {t.title}{' '}
        {r?.enabled && !stateText ? (
          <span className="pill pill-online" data-testid="wallet-auto-state">
            {t.on}
          </span>
        ) : (
          <span className="pill pill-idle" data-testid="wallet-auto-state">
            {r ? (r.enabled ? t.paused : t.off) : t.notSet}
          </span>
        )}{' '}
        {rule.stale ? <span className="pill pill-offline">{m.wallet.offline}</span> : null}
      </h2>
      {stateText && r ? (
        <p className="warn" data-testid="wallet-auto-reason">
          {stateText}
        </p>
      ) : null}
      {rule.error && !rule.value ? <p className="muted">{rule.error}</p> : null}
      {ruleKey !== null ? <RuleForm key={ruleKey} rule={r} topUp={topUp} currency={currency} /> : null}
      <h3>{t.recent}</h3>
      <div className="table-scroll">
        <table className="table" data-testid="wallet-auto-attempts">
          <thead>
            <tr>
              <th>{m.wallet.when}</th>
              <th>{t.outcomeColumn}</th>
              <th className="num">{m.wallet.amount}</th>
            </tr>
          </thead>
          <tbody>
            {(attempts.value ?? []).map((a) => (
              <tr key={a.attemptId} data-testid="wallet-auto-attempt" data-outcome={a.outcome}>
                <td className="nowrap">{formatShortLocalTime(a.createdAt)}</td>
                <td className="wallet-memo">
                  <strong>{outcomeText(a.outcome, t.outcome)}</strong>
                  {a.reason ? <span className="muted wallet-reason">{a.reason}</span> : null}
                </td>
                <td className="num nowrap">{moneyText(a.amount, a.currency)}</td>
              </tr>
            ))}
            {attempts.value && attempts.value.length === 0 ? (
              <tr>
                <td colSpan={3} className="muted">
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
  const l10n = useL10n();
  const t = l10n.m.wallet.auto;
  const { locale } = l10n.fmt;
  const { saving, saveError, save } = topUp;
  const [form, setForm] = useState<Form>(() => ({
    threshold: moneyFieldText(rule?.threshold ?? 2_000, currency, locale),
    amount: moneyFieldText(rule?.amount ?? 5_000, currency, locale),
    maxPerDay: String(rule?.maxPerDay ?? 3),
    maxAmountPerMonth: moneyFieldText(rule?.maxAmountPerMonth ?? 50_000, currency, locale),
    enabled: rule?.enabled ?? true,
  }));
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const threshold = parseMoneyField(form.threshold, currency, t.thresholdField, l10n, { allowZero: true });
    const amount = parseMoneyField(form.amount, currency, t.amountField, l10n);
    const month = parseMoneyField(form.maxAmountPerMonth, currency, t.perMonthField, l10n);
    const perDay = Number(form.maxPerDay);
    if (!threshold.ok) return setError(threshold.error);
    if (!amount.ok) return setError(amount.error);
    if (!month.ok) return setError(month.error);
    if (!Number.isInteger(perDay) || perDay < 1 || perDay > 100) return setError(t.perDayInvalid);
    setError(null);
    const saved = await save({
      threshold: threshold.value,
      amount: amount.value,
      maxPerDay: perDay,
      maxAmountPerMonth: month.value,
      enabled: form.enabled,
    });
    if (saved) {
      const now = currentL10n().m.wallet.auto;
      toast('ok', saved.enabled ? now.savedOn : now.savedOff);
    }
  };
  const set = <K extends keyof Form>(k: K, v: Form[K]): void => setForm((f) => ({ ...f, [k]: v }));

  return (
    <form className="wallet-form" onSubmit={(e) => void submit(e)} noValidate>
      <label>
        {t.threshold}
        <input
          inputMode="decimal"
          value={form.threshold}
          onChange={(e) => set('threshold', e.target.value)}
          data-testid="wallet-auto-threshold"
        />
      </label>
      <label>
        {t.amount}
        <input
          inputMode="decimal"
          value={form.amount}
          onChange={(e) => set('amount', e.target.value)}
          data-testid="wallet-auto-amount"
        />
      </label>
      <label>
        {t.perDay}
        <input
          inputMode="numeric"
          value={form.maxPerDay}
          onChange={(e) => set('maxPerDay', e.target.value)}
          data-testid="wallet-auto-per-day"
        />
      </label>
      <label>
        {t.perMonth}
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
        {t.enabled}
      </label>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="wallet-auto-save">
          {saving ? l10n.m.common.saving : t.save}
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
