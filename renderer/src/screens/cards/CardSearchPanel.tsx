import { useState, type FormEvent } from 'react';
import { useL10n } from '../../i18n/locale-store';
import { EMPTY_FILTER_FORM, toCardFilter, type CardFilter, type CardFilterForm } from './card-filter-form';

/**
 * The advanced search: status, validity, series prefix, serial range, amount, owner, created and expiry dates.
 * Enter in any field applies it (selects too).
 */
export function CardSearchPanel({
  initial,
  currency,
  onApply,
}: {
  initial: CardFilterForm;
  currency: string;
  onApply: (form: CardFilterForm, filter: CardFilter) => void;
}) {
  const { m } = useL10n();
  const t = m.cards.search;
  const st = m.cards.status;
  const [form, setForm] = useState<CardFilterForm>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof CardFilterForm>(key: K, value: CardFilterForm[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const apply = (next: CardFilterForm, e?: FormEvent): void => {
    e?.preventDefault();
    const r = toCardFilter(next, currency, m);
    if ('problem' in r) {
      setProblem(r.problem);
      return;
    }
    setProblem(null);
    onApply(next, r.filter);
  };

  return (
    <form
      className="card card-search"
      onSubmit={(e) => apply(form, e)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
          e.preventDefault();
          apply(form);
        }
      }}
      aria-label={t.label}
      data-testid="cards-search"
    >
      <div className="card-search-grid">
        <label>
          {t.status}
          <select
            value={form.status}
            onChange={(e) => set('status', e.target.value as CardFilterForm['status'])}
            data-testid="search-status"
            autoFocus
          >
            <option value="">{t.any}</option>
            <option value="new">{st.new}</option>
            <option value="activated">{st.activated}</option>
            <option value="expired">{st.expired}</option>
            <option value="void">{st.void}</option>
          </select>
        </label>
        <label>
          {t.validity}
          <select
            value={form.validity}
            onChange={(e) => set('validity', e.target.value as CardFilterForm['validity'])}
            data-testid="search-validity"
          >
            <option value="">{t.any}</option>
            <option value="valid">{st.valid}</option>
            <option value="not_yet_valid">{st.notYetValid}</option>
            <option value="void_rejected">{st.rejected}</option>
          </select>
        </label>
        <label>
          {t.prefix}
          <input
            value={form.prefix}
            onChange={(e) => set('prefix', e.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            placeholder={t.prefixPlaceholder}
            data-testid="search-prefix"
          />
        </label>
        <label>
          {t.amount({ currency })}
          <input
            value={form.amount}
            onChange={(e) => set('amount', e.target.value)}
            inputMode="decimal"
            placeholder={t.amountPlaceholder}
            data-testid="search-amount"
          />
        </label>
        <label>
          {t.serialFrom}
          <input
            value={form.serialFrom}
            onChange={(e) => set('serialFrom', e.target.value)}
            placeholder={t.serialFromPlaceholder}
            data-testid="search-serial-from"
          />
        </label>
        <label>
          {t.serialTo}
          <input
            value={form.serialTo}
            onChange={(e) => set('serialTo', e.target.value)}
            placeholder={t.serialToPlaceholder}
            data-testid="search-serial-to"
          />
        </label>
        <label className="span-2">
          {t.owner}
          <input
            value={form.ownerId}
            onChange={(e) => set('ownerId', e.target.value)}
            placeholder={t.ownerPlaceholder}
            spellCheck={false}
            data-testid="search-owner"
          />
        </label>
        <label>
          {t.createdFrom}
          <input type="date" value={form.createdFrom} onChange={(e) => set('createdFrom', e.target.value)} />
        </label>
        <label>
          {t.createdTo}
          <input type="date" value={form.createdTo} onChange={(e) => set('createdTo', e.target.value)} />
        </label>
        <label>
          {t.expiresFrom}
          <input
            type="date"
            value={form.expiresFrom}
            onChange={(e) => set('expiresFrom', e.target.value)}
            data-testid="search-expires-from"
          />
        </label>
        <label>
          {t.expiresTo}
          <input
            type="date"
            value={form.expiresTo}
            onChange={(e) => set('expiresTo', e.target.value)}
            data-testid="search-expires-to"
          />
        </label>
        <div className="card-search-actions">
          <button type="submit" className="btn btn-primary" data-testid="search-apply">
            {m.common.search} <kbd>Enter</kbd>
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setForm(EMPTY_FILTER_FORM);
              apply(EMPTY_FILTER_FORM);
            }}
            data-testid="search-clear"
          >
            {m.common.clear}
          </button>
        </div>
      </div>
      {problem ? (
        <p className="error" role="alert" data-testid="search-problem">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
