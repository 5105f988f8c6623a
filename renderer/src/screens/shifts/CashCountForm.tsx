import { useMemo, useState, type FormEvent } from 'react';
import { numberSeparators, parseAmount } from '../../../../core/money/parse-amount';
import type { CashCount } from '../../../../core/shifts/denominations';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';

/** What a count form hands back: the count and its total (minor units). */
export interface CountedCash {
  readonly count: CashCount;
  readonly total: number;
}

/** Parses a piece count: whole, not negative; empty is 0. */
function pieces(text: string): number | null {
  if (text.trim() === '') return 0;
  return /^[0-9]{1,6}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * Counts cash by denomination (one field per note and coin, the running total beside) or, on the clerk's choice or
 * for a currency without a denomination list, as one total. Enter submits from any field; bad input is flagged on its
 * field and never submitted.
 */
export function CashCountForm({
  currency,
  denominations,
  submitLabel,
  busy,
  testId,
  onSubmit,
}: {
  currency: string;
  denominations: readonly number[];
  submitLabel: string;
  busy: boolean;
  testId: string;
  onSubmit: (counted: CountedCash) => void;
}) {
  const { m, fmt } = useL10n();
  const t = m.shifts.count;
  const [byTotal, setByTotal] = useState(denominations.length === 0);
  const [counts, setCounts] = useState<Record<number, string>>({});
  const [totalText, setTotalText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const parsed = useMemo(() => {
    if (byTotal) {
      if (totalText.trim() === '')
        return { ok: true as const, total: 0, count: { kind: 'total', total: 0 } as CashCount };
      const p = parseAmount(totalText, currency, fmt.locale);
      if (!p.ok) return { ok: false as const, bad: ['total'] };
      return { ok: true as const, total: p.amount, count: { kind: 'total', total: p.amount } as CashCount };
    }
    const bad: string[] = [];
    let total = 0;
    const list: { value: number; count: number }[] = [];
    for (const value of denominations) {
      const n = pieces(counts[value] ?? '');
      if (n === null) bad.push(String(value));
      else if (n > 0) {
        list.push({ value, count: n });
        total += value * n;
      }
    }
    if (bad.length > 0) return { ok: false as const, bad };
    return { ok: true as const, total, count: { kind: 'denominations', pieces: list } as CashCount };
  }, [byTotal, counts, totalText, currency, denominations, fmt.locale]);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!parsed.ok) {
      setProblem(
        byTotal ? t.badTotal({ example: `150${numberSeparators(fmt.locale).decimal}00` }) : t.badPieces,
      );
      return;
    }
    setProblem(null);
    onSubmit({ count: parsed.count, total: parsed.total });
  };

  return (
    <form className="form cash-count" onSubmit={submit} data-testid={testId} noValidate>
      {denominations.length > 0 ? (
        <div className="segmented" role="group" aria-label={t.howToCount}>
          <button
            type="button"
            className={byTotal ? 'seg' : 'seg active'}
            aria-pressed={!byTotal}
            onClick={() => setByTotal(false)}
            data-testid={`${testId}-by-denomination`}
          >
            {t.byDenomination}
          </button>
          <button
            type="button"
            className={byTotal ? 'seg active' : 'seg'}
            aria-pressed={byTotal}
            onClick={() => setByTotal(true)}
            data-testid={`${testId}-by-total`}
          >
            {t.byTotal}
          </button>
        </div>
      ) : null}
      {byTotal ? (
        <label>
          {t.cashInDrawer({ currency })}
          <input
            inputMode="decimal"
            autoComplete="off"
            value={totalText}
            onChange={(e) => setTotalText(e.target.value)}
            aria-invalid={!parsed.ok || undefined}
            data-testid={`${testId}-total`}
            autoFocus
          />
        </label>
      ) : (
        <div className="denomination-grid">
          {denominations.map((value, i) => {
            const bad = !parsed.ok && parsed.bad.includes(String(value));
            const n = pieces(counts[value] ?? '') ?? 0;
            return (
              <label key={value} className="denomination">
                <span>{moneyText(value, currency)}</span>
                <input
                  inputMode="numeric"
                  autoComplete="off"
                  value={counts[value] ?? ''}
                  placeholder="0"
                  onChange={(e) => setCounts((c) => ({ ...c, [value]: e.target.value }))}
                  aria-invalid={bad || undefined}
                  aria-label={t.numberOf({ amount: moneyText(value, currency) })}
                  data-testid={`${testId}-d${value}`}
                  autoFocus={i === 0}
                />
                <small className="muted">{n > 0 ? moneyText(n * value, currency) : '\u00a0'}</small>
              </label>
            );
          })}
        </div>
      )}
      <p className="count-total">
        {t.total}{' '}
        <strong data-testid={`${testId}-sum`}>{parsed.ok ? moneyText(parsed.total, currency) : '—'}</strong>
      </p>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <button
        type="submit"
        className="btn btn-primary btn-large"
        aria-disabled={busy || undefined}
        data-testid={`${testId}-submit`}
      >
        {busy ? t.working : submitLabel}
      </button>
    </form>
  );
}
