import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import { changeDue, money, multiply, parseMajor } from '../../../../core/money/money';
import type { Package } from '../../../../core/sync/protocol';
import { accountNumberSchema } from '../../../../core/sync/protocol';
import { call, on } from '../../contract/contract-client';
import { errorCode, errorText } from '../../errors/error-text';
import { uuidv7 } from '../../../../core/uuidv7';
import { moneyText } from '../../format/money-text';
import { useAppStore } from '../../store/app-store';
import { useFavourites } from './favourites';
import { filterPackages, orderPackages } from './package-order';
import { SaleResult } from './SaleResult';
import { CustomerHint } from './CustomerHint';
import { DailyTotals } from './DailyTotals';
import { OutcomesNotShownBanner } from './OutcomesNotShownBanner';
import { TerminalBlockedBanner } from './TerminalBlockedBanner';
import { printReceipt } from '../../receipts/receipt-actions';
import type { TerminalSettings } from '../../../../core/contract/types/settings';

/** True when the key went to a field that takes text itself. */
function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

const FKEYS = ['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'];

/**
 * The counter: pick a package (click, F-key, or type to filter), scan or type the customer's account, take cash,
 * Enter to confirm, Esc to cancel. The sale commits locally first; the answer says confirmed, queued or why not.
 */
export function SellScreen() {
  const status = useAppStore((s) => s.status);
  const toast = useAppStore((s) => s.toast);
  const favourites = useFavourites((s) => s.ids);
  const toggleFavourite = useFavourites((s) => s.toggle);
  const [packages, setPackages] = useState<readonly Package[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [packageId, setPackageId] = useState<string | null>(null);
  const [account, setAccount] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [tendered, setTendered] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<SaleCreateOutcome | null>(null);
  const accountRef = useRef<HTMLInputElement>(null);
  // One id per sale attempt: a retry after a lost answer (service restart, reload) replays instead of selling twice.
  const attemptId = useRef(uuidv7());
  const filterRef = useRef<HTMLInputElement>(null);
  const [settings, setSettings] = useState<TerminalSettings | null>(null);
  const [totalsVersion, setTotalsVersion] = useState(0);

  useEffect(() => {
    call('settings.get', {})
      .then(setSettings)
      .catch(() => setSettings(null));
  }, []);

  const loadPackages = useCallback(() => {
    call('catalog.packages', {})
      .then((p) => {
        setPackages(p);
        setLoadError(null);
      })
      .catch((err: unknown) => setLoadError(errorText(err)));
  }, []);
  useEffect(() => {
    loadPackages();
    // The catalog mirror changes after a sync pulled packages; reload when the status says a sync finished.
    return on('app.status', (s) => {
      if (!s.syncing) loadPackages();
    });
  }, [loadPackages]);

  const ordered = useMemo(() => orderPackages(packages, favourites), [packages, favourites]);
  const visible = useMemo(() => filterPackages(ordered, filter), [ordered, filter]);
  const selected = packages.find((p) => p.id === packageId) ?? null;
  const currency = selected?.currency ?? status?.currency ?? 'USD';
  const total = selected ? multiply(money(selected.retailPrice, currency), quantity) : null;
  const tenderedMinor = tendered.trim() === '' ? null : parseMajor(tendered, currency);
  const change = total && tenderedMinor !== null ? changeDue(total, money(tenderedMinor, currency)) : null;
  const accountCheck = account.trim() === '' ? null : accountNumberSchema.safeParse(account);
  const accountError = accountCheck && !accountCheck.success ? accountCheck.error.issues[0]!.message : null;

  const problem = !selected
    ? 'Choose a package'
    : account.trim() === ''
      ? 'Enter the customer’s account number'
      : accountError
        ? accountError
        : tendered.trim() !== '' && tenderedMinor === null
          ? 'Cash tendered is not a valid amount'
          : change && change.amount < 0
            ? 'Cash tendered is less than the total'
            : null;

  const reset = useCallback(() => {
    setPackageId(null);
    setAccount('');
    setQuantity(1);
    setTendered('');
    setFilter('');
    setError(null);
    accountRef.current?.focus();
  }, []);

  const choose = useCallback((p: Package) => {
    setPackageId(p.id);
    setError(null);
    setResult(null);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const fi = FKEYS.indexOf(e.key);
      if (fi >= 0 && !e.altKey && !e.ctrlKey) {
        const p = visible[fi];
        if (p) {
          e.preventDefault();
          choose(p);
        }
      } else if (e.key === 'Escape') {
        e.preventDefault();
        setResult(null);
        reset();
      } else if (!isTextField(e.target) && !e.altKey && !e.ctrlKey && !e.metaKey && e.key.length === 1) {
        // Focus is on a tile or button: a scanner's digits go to the account, letters to the package filter.
        if (/^[0-9+]$/.test(e.key)) {
          e.preventDefault();
          setAccount((a) => a + e.key);
          accountRef.current?.focus();
        } else if (/^[a-z]$/i.test(e.key)) {
          e.preventDefault();
          setFilter((f) => f + e.key);
          filterRef.current?.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [visible, choose, reset]);

  const confirm = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (problem || !selected || busy) {
      if (problem) setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const outcome = await call('sales.create', {
        packageId: selected.id,
        customerAccount: account.trim(),
        quantity,
        ...(tenderedMinor !== null ? { tenderedAmount: tenderedMinor } : {}),
        saleId: attemptId.current,
      });
      attemptId.current = uuidv7();
      setResult(outcome);
      setTotalsVersion((v) => v + 1);
      if (outcome.outcome === 'confirmed' || outcome.outcome === 'queued') {
        reset();
        // Persist before print: the sale is committed; print its receipt now if the terminal prints automatically.
        if (settings?.autoPrint && settings.printerName) {
          printReceipt(outcome.sale.id).catch((err: unknown) =>
            toast('bad', `Receipt not printed: ${errorText(err)}`),
          );
        }
      }
    } catch (err) {
      // No answer: keep the attempt's id so retrying replays it. A refused replay starts a new attempt.
      if (errorCode(err) === 'sale_id_reused') attemptId.current = uuidv7();
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="screen sell" aria-labelledby="screen-title">
      <h1 id="screen-title">Sell</h1>
      <OutcomesNotShownBanner />
      <TerminalBlockedBanner />
      <div className="sell-layout">
        <div className="sell-catalog">
          <input
            className="filter"
            placeholder="Type to filter packages…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              // Enter takes the first match and moves on to the customer's account.
              if (e.key === 'Enter' && visible[0]) {
                e.preventDefault();
                choose(visible[0]);
                accountRef.current?.focus();
              }
            }}
            ref={filterRef}
            aria-label="Filter packages"
            data-testid="package-filter"
          />
          {loadError ? <p className="error">{loadError}</p> : null}
          {packages.length === 0 && !loadError ? (
            <p className="muted" data-testid="no-packages">
              No packages yet. They arrive with the first sync.
            </p>
          ) : null}
          <div className="package-grid" role="listbox" aria-label="Packages">
            {visible.map((p, i) => (
              <div key={p.id} className={p.id === packageId ? 'package-tile selected' : 'package-tile'}>
                <button
                  type="button"
                  role="option"
                  aria-selected={p.id === packageId}
                  className="package-main"
                  onClick={() => choose(p)}
                  data-testid={`package-${p.code}`}
                >
                  <span className="package-name">{p.name}</span>
                  <span className="package-price">{moneyText(p.retailPrice, p.currency)}</span>
                  {p.validityDays ? <span className="package-meta">{p.validityDays} days</span> : null}
                  {i < FKEYS.length ? <kbd className="fkey">{FKEYS[i]}</kbd> : null}
                </button>
                <button
                  type="button"
                  className={favourites.includes(p.id) ? 'star on' : 'star'}
                  aria-label={favourites.includes(p.id) ? `Unstar ${p.name}` : `Star ${p.name}`}
                  aria-pressed={favourites.includes(p.id)}
                  tabIndex={-1}
                  onClick={() => toggleFavourite(p.id)}
                >
                  ★
                </button>
              </div>
            ))}
          </div>
          <DailyTotals version={totalsVersion} />
        </div>
        <form className="sell-panel card" onSubmit={(e) => void confirm(e)} noValidate>
          {result ? <SaleResult result={result} canPrint={Boolean(settings?.printerName)} /> : null}
          <label>
            Customer account
            <input
              ref={accountRef}
              value={account}
              onChange={(e) => setAccount(e.target.value)}
              onKeyDown={(e) => {
                // An account is digits: a letter typed here is the clerk looking for a package, so filter with it.
                if (/^[a-z]$/i.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey) {
                  e.preventDefault();
                  setFilter((f) => f + e.key);
                  filterRef.current?.focus();
                }
              }}
              inputMode="tel"
              autoComplete="off"
              autoFocus
              placeholder="Scan or type the phone / account number"
              aria-invalid={accountError ? true : undefined}
              data-testid="sale-account"
            />
          </label>
          {accountError ? <p className="field-error">{accountError}</p> : null}
          <CustomerHint
            account={accountCheck?.success ? accountCheck.data : null}
            online={status?.online ?? false}
          />
          <div className="sell-row">
            <span className="muted">Package</span>
            <strong data-testid="sale-package">{selected ? selected.name : 'none chosen'}</strong>
          </div>
          <div className="sell-row">
            <span className="muted">Quantity</span>
            <span className="qty">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setQuantity((q) => Math.max(1, q - 1))}
                aria-label="Less"
              >
                −
              </button>
              <input
                value={quantity}
                onChange={(e) =>
                  setQuantity(Math.min(100, Math.max(1, Number(e.target.value.replace(/\D/g, '')) || 1)))
                }
                inputMode="numeric"
                aria-label="Quantity"
                data-testid="sale-quantity"
              />
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setQuantity((q) => Math.min(100, q + 1))}
                aria-label="More"
              >
                +
              </button>
            </span>
          </div>
          <div className="sell-row total">
            <span>Total</span>
            <strong data-testid="sale-total">{total ? moneyText(total.amount, total.currency) : '—'}</strong>
          </div>
          <label>
            Cash tendered ({currency})
            <input
              value={tendered}
              onChange={(e) => setTendered(e.target.value)}
              inputMode="decimal"
              autoComplete="off"
              placeholder="optional"
              data-testid="sale-tendered"
            />
          </label>
          <div className="sell-row">
            <span>Change due</span>
            <strong data-testid="sale-change" className={change && change.amount < 0 ? 'bad' : undefined}>
              {change ? moneyText(change.amount, change.currency) : '—'}
            </strong>
          </div>
          {error ? (
            <p className="error" role="alert" data-testid="sale-error">
              {error}
            </p>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              className="btn btn-primary btn-large"
              disabled={busy || Boolean(status?.blocked)}
              data-testid="sale-confirm"
            >
              {busy ? 'Selling…' : 'Confirm'} <kbd>Enter</kbd>
            </button>
            <button
              type="button"
              className="btn btn-large"
              onClick={() => {
                setResult(null);
                reset();
              }}
              data-testid="sale-cancel"
            >
              Cancel <kbd>Esc</kbd>
            </button>
          </div>
          {status && !status.online && !status.blocked && status.offlineAllowance !== null ? (
            <p className="muted" data-testid="offline-allowance">
              Offline: up to {moneyText(status.offlineAllowance, status.currency)} more can be sold before
              syncing.
            </p>
          ) : null}
        </form>
      </div>
    </section>
  );
}
