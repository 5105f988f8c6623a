import { useState, type FormEvent } from 'react';
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
  const [form, setForm] = useState<CardFilterForm>(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = <K extends keyof CardFilterForm>(key: K, value: CardFilterForm[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const apply = (next: CardFilterForm, e?: FormEvent): void => {
    e?.preventDefault();
    const r = toCardFilter(next, currency);
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
      aria-label="Search cards"
      data-testid="cards-search"
    >
      <div className="card-search-grid">
        <label>
          Status
          <select
            value={form.status}
            onChange={(e) => set('status', e.target.value as CardFilterForm['status'])}
            data-testid="search-status"
            autoFocus
          >
            <option value="">Any</option>
            <option value="new">New</option>
            <option value="activated">Activated</option>
            <option value="expired">Expired</option>
            <option value="void">Void</option>
          </select>
        </label>
        <label>
          Validity
          <select
            value={form.validity}
            onChange={(e) => set('validity', e.target.value as CardFilterForm['validity'])}
            data-testid="search-validity"
          >
            <option value="">Any</option>
            <option value="valid">Valid</option>
            <option value="not_yet_valid">Not yet valid</option>
            <option value="void_rejected">Void (batch rejected)</option>
          </select>
        </label>
        <label>
          Series prefix
          <input
            value={form.prefix}
            onChange={(e) => set('prefix', e.target.value.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            placeholder="e.g. 101"
            data-testid="search-prefix"
          />
        </label>
        <label>
          Amount ({currency})
          <input
            value={form.amount}
            onChange={(e) => set('amount', e.target.value)}
            inputMode="decimal"
            placeholder="any"
            data-testid="search-amount"
          />
        </label>
        <label>
          Serial from
          <input
            value={form.serialFrom}
            onChange={(e) => set('serialFrom', e.target.value)}
            placeholder="101-0000001…"
            data-testid="search-serial-from"
          />
        </label>
        <label>
          Serial to
          <input
            value={form.serialTo}
            onChange={(e) => set('serialTo', e.target.value)}
            placeholder="101-0000500…"
            data-testid="search-serial-to"
          />
        </label>
        <label className="span-2">
          Owner (reseller id)
          <input
            value={form.ownerId}
            onChange={(e) => set('ownerId', e.target.value)}
            placeholder="any owner"
            spellCheck={false}
            data-testid="search-owner"
          />
        </label>
        <label>
          Created from
          <input type="date" value={form.createdFrom} onChange={(e) => set('createdFrom', e.target.value)} />
        </label>
        <label>
          Created to
          <input type="date" value={form.createdTo} onChange={(e) => set('createdTo', e.target.value)} />
        </label>
        <label>
          Expires from
          <input
            type="date"
            value={form.expiresFrom}
            onChange={(e) => set('expiresFrom', e.target.value)}
            data-testid="search-expires-from"
          />
        </label>
        <label>
          Expires to
          <input
            type="date"
            value={form.expiresTo}
            onChange={(e) => set('expiresTo', e.target.value)}
            data-testid="search-expires-to"
          />
        </label>
        <div className="card-search-actions">
          <button type="submit" className="btn btn-primary" data-testid="search-apply">
            Search <kbd>Enter</kbd>
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
            Clear
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
