import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import type { Package } from '../../../../core/sync/protocol';
import { call, on } from '../../contract/contract-client';
import { errorCode, errorText } from '../../errors/error-text';
import { uuidv7 } from '../../../../core/uuidv7';
import { quickTenders, tenderText } from '../../../../core/sales/quick-tender';
import { moneyText } from '../../format/money-text';
import { useAppStore } from '../../store/app-store';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { useOfflineHeadroom } from '../../app/offline-headroom';
import { useFavourites } from './favourites';
import { filterPackages, orderPackages } from './package-order';
import { fkeyBindings, isFunctionKey, packageForKey } from './fkey-bindings';
import { checkSaleForm, MAX_QUANTITY, type SaleField } from './sale-form-check';
import { useSaleDraft } from './sale-draft';
import { SaleResult } from './SaleResult';
import { CustomerHint } from './CustomerHint';
import { DailyTotals } from './DailyTotals';
import { OutcomesNotShownBanner } from './OutcomesNotShownBanner';
import { PackagePrice } from './PackagePrice';
import { TerminalBlockedBanner } from './TerminalBlockedBanner';
import { ConfirmNumberStep } from './ConfirmNumberStep';
import { printReceipt } from '../../receipts/receipt-actions';
import type { TerminalSettings } from '../../../../core/contract/types/settings';
import { useStockLevels } from './stock-levels';
import { StockBadge } from './StockBadge';
import { FromStockChoice } from './FromStockChoice';

/** True when the key went to a field that takes text itself. */
function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** Test ids of the message shown beside each field. */
const ERROR_TEST_IDS: Readonly<Record<SaleField, string>> = {
  account: 'sale-account-error',
  package: 'sale-package-error',
  quantity: 'sale-quantity-error',
  tendered: 'sale-tendered-error',
  limit: 'sale-limit-error',
};

/**
 * The counter: pick a package (click, F-key, or type to filter), scan or type the customer's account, take cash,
 * Enter to confirm, Esc to cancel. The sale commits locally first; the answer says confirmed, queued or why not.
 * The half-entered sale outlives the screen (auto-lock, another screen) for the clerk who entered it.
 */
export function SellScreen() {
  const status = useAppStore((s) => s.status);
  const clerkId = useAppStore((s) => s.session?.clerk?.id ?? '');
  const toast = useAppStore((s) => s.toast);
  const favourites = useFavourites((s) => s.ids);
  const toggleFavourite = useFavourites((s) => s.toggle);
  const draft = useSaleDraft((s) => (s.clerkId === clerkId ? s.draft : null));
  const updateDraft = useSaleDraft((s) => s.update);
  const clearDraft = useSaleDraft((s) => s.clear);
  const claimDraft = useSaleDraft((s) => s.claim);
  const headroom = useOfflineHeadroom();
  const l10n = useL10n();
  const { m, fmt } = l10n;
  const t = m.sell;
  // Amounts are typed and shown in the terminal's locale (its decimal separator).
  const locale = fmt.locale;
  const [packages, setPackages] = useState<readonly Package[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  // The till does not lock while a sale waits for its answer (see lockTill).
  const setSaleInFlight = useAppStore((s) => s.setSaleInFlight);
  useEffect(() => {
    setSaleInFlight(busy);
    return () => setSaleInFlight(false);
  }, [busy, setSaleInFlight]);
  const [error, setError] = useState<string | null>(null);
  // After Confirm was pressed once, every problem shows (an empty account too); before, only what was typed wrong.
  const [attempted, setAttempted] = useState(false);
  const [result, setResult] = useState<SaleCreateOutcome | null>(null);
  // The confirm-the-number step is open: the form checked out, the clerk reads the account back before it is sent.
  const [checkingNumber, setCheckingNumber] = useState(false);
  const accountRef = useRef<HTMLInputElement>(null);
  const filterRef = useRef<HTMLInputElement>(null);
  const quantityRef = useRef<HTMLInputElement>(null);
  const tenderedRef = useRef<HTMLInputElement>(null);
  const [settings, setSettings] = useState<TerminalSettings | null>(null);
  const [totalsVersion, setTotalsVersion] = useState(0);
  const stock = useStockLevels(totalsVersion);
  // Sell the chosen package from this terminal's stock (prepaid: no credits, no offline limits).
  const [fromStock, setFromStock] = useState(false);

  // The draft belongs to whoever is signed in: theirs comes back, another clerk's is dropped.
  useEffect(() => {
    if (clerkId) claimDraft(clerkId);
  }, [clerkId, claimDraft]);

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

  const form = draft ?? { packageId: null, account: '', quantity: 1, tendered: '', attemptId: '' };
  const ordered = useMemo(() => orderPackages(packages, favourites), [packages, favourites]);
  const visible = useMemo(() => filterPackages(ordered, filter), [ordered, filter]);
  const bindings = useMemo(() => fkeyBindings(packages), [packages]);
  const selected = packages.find((p) => p.id === form.packageId) ?? null;
  const stockItem = selected ? stock.byPackage.get(selected.id) : undefined;
  const sellFromStock = fromStock && stockItem !== undefined && stockItem.left > 0;
  const currency = selected?.currency ?? status?.currency ?? 'USD';
  const check = checkSaleForm(
    {
      account: form.account,
      unitPrice: selected?.retailPrice ?? null,
      quantity: form.quantity,
      tendered: form.tendered,
      currency,
      locale,
      offline: sellFromStock ? null : headroom,
    },
    l10n,
  );
  // Shown beside its field, one message per field: what was typed wrong at once, and after Confirm the first thing
  // missing (in the order of the form: the account before the package).
  const shown = new Map<SaleField, string>();
  check.problems.forEach((p, i) => {
    const typed =
      (p.field === 'account' && form.account.trim() !== '') ||
      p.field === 'tendered' ||
      p.field === 'limit' ||
      p.field === 'quantity';
    if ((typed || (attempted && i === 0)) && !shown.has(p.field)) shown.set(p.field, p.message);
  });

  const focusField = (field: SaleField): void => {
    const target = {
      account: accountRef,
      package: filterRef,
      quantity: quantityRef,
      limit: quantityRef,
      tendered: tenderedRef,
    }[field];
    target.current?.focus();
  };

  const reset = useCallback(() => {
    clearDraft();
    setFilter('');
    setError(null);
    setAttempted(false);
    accountRef.current?.focus();
  }, [clearDraft]);

  const choose = useCallback(
    (p: Package) => {
      updateDraft({ packageId: p.id });
      // Stock first when the package has stock here; the clerk unticks it to sell with credits.
      setFromStock((stock.byPackage.get(p.id)?.left ?? 0) > 0);
      setError(null);
      setResult(null);
    },
    [updateDraft, stock.byPackage],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // A modal dialog over the screen (the shortcut sheet, the number check) has the keys: its Esc closes it and must
      // not clear the sale, wherever the focus is.
      if (document.querySelector('dialog[open]')) {
        if (isFunctionKey(e.key)) e.preventDefault();
        return;
      }
      if (isFunctionKey(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) {
        // Every F-key stays in the app (F5 would reload the page); a bound one picks its package.
        e.preventDefault();
        const p = packageForKey(packages, bindings, e.key);
        if (p) choose(p);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        setResult(null);
        reset();
      } else if (!isTextField(e.target) && !e.altKey && !e.ctrlKey && !e.metaKey && e.key.length === 1) {
        // Focus is on a tile or button: a scanner's digits go to the account, letters to the package filter.
        if (/^[0-9+]$/.test(e.key)) {
          e.preventDefault();
          updateDraft({ account: useSaleDraft.getState().draft.account + e.key });
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
  }, [packages, bindings, choose, reset, updateDraft]);

  const confirm = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (busy) return;
    setAttempted(true);
    const first = check.problems[0];
    if (first || !selected || !check.account) {
      setError(null);
      focusField(first?.field ?? 'package');
      return;
    }
    if (sellFromStock && stockItem && form.quantity > stockItem.left) {
      setError(t.stock.short({ left: fmt.count(stockItem.left) }));
      quantityRef.current?.focus();
      return;
    }
    setCheckingNumber(true);
  };

  /** Sends the sale once the clerk confirmed the number. */
  const send = async (): Promise<void> => {
    setCheckingNumber(false);
    if (busy || !selected || !check.account) return;
    setBusy(true);
    setError(null);
    try {
      const input = {
        packageId: selected.id,
        customerAccount: check.account,
        quantity: form.quantity,
        ...(check.tendered !== null ? { tenderedAmount: check.tendered } : {}),
        saleId: form.attemptId || uuidv7(),
      };
      const outcome = sellFromStock ? await call('stock.sell', input) : await call('sales.create', input);
      setResult(outcome);
      setTotalsVersion((v) => v + 1);
      if (outcome.outcome === 'confirmed' || outcome.outcome === 'queued') {
        reset();
        // Persist before print: the sale is committed; print its receipt now if the terminal prints automatically.
        if (settings?.autoPrint && settings.printerName) {
          printReceipt(outcome.sale.id).catch((err: unknown) =>
            toast('bad', currentL10n().m.sell.receiptNotPrinted({ why: errorText(err) })),
          );
        }
      } else {
        // Not sold: the form stays for a correction; a new try is a new attempt.
        updateDraft({ attemptId: uuidv7() });
        setAttempted(false);
      }
    } catch (err) {
      // No answer: keep the attempt's id so retrying replays it. A refused replay starts a new attempt.
      if (errorCode(err) === 'sale_id_reused') updateDraft({ attemptId: uuidv7() });
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: SaleField) =>
    shown.has(field) ? (
      <p className="field-error" id={ERROR_TEST_IDS[field]} role="alert" data-testid={ERROR_TEST_IDS[field]}>
        {shown.get(field)}
      </p>
    ) : null;

  return (
    <section className="screen sell" aria-labelledby="screen-title">
      {checkingNumber && selected && check.account && check.total !== null ? (
        <ConfirmNumberStep
          account={check.account}
          packageName={selected.name}
          quantity={form.quantity}
          total={check.total}
          currency={currency}
          onConfirm={() => void send()}
          onBack={() => {
            setCheckingNumber(false);
            accountRef.current?.focus();
          }}
        />
      ) : null}
      <h1 id="screen-title">{m.app.screens.sell}</h1>
      <OutcomesNotShownBanner />
      <TerminalBlockedBanner />
      <div className="sell-layout">
        <div className="sell-catalog">
          <input
            className="filter"
            placeholder={t.filterPlaceholder}
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
            aria-label={t.filterLabel}
            data-testid="package-filter"
          />
          {fieldError('package')}
          {loadError ? (
            <p className="error" role="alert">
              {loadError}
            </p>
          ) : null}
          {packages.length === 0 && !loadError ? (
            <p className="muted" data-testid="no-packages">
              {t.noPackages}
            </p>
          ) : null}
          {/* A list of tiles, each a package button (pressed when chosen) and its star: two controls, both in the Tab
              order, so no listbox (whose options cannot hold a second control). */}
          <ul className="package-grid" aria-label={t.packages}>
            {visible.map((p) => {
              const key = bindings.get(p.id);
              const starred = favourites.includes(p.id);
              return (
                <li key={p.id} className={p.id === form.packageId ? 'package-tile selected' : 'package-tile'}>
                  <button
                    type="button"
                    aria-pressed={p.id === form.packageId}
                    aria-keyshortcuts={key}
                    className="package-main"
                    onClick={() => {
                      choose(p);
                      // On to the next step: the account, or Confirm when it is typed already.
                      accountRef.current?.focus();
                    }}
                    data-testid={`package-${p.code}`}
                  >
                    <span className="package-name">{p.name}</span>
                    <PackagePrice text={moneyText(p.retailPrice, p.currency)} />
                    {p.validityDays ? (
                      <span className="package-meta">{fmt.counted(p.validityDays, t.validity)}</span>
                    ) : null}
                    <StockBadge item={stock.byPackage.get(p.id)} />
                    {key ? <kbd className="fkey">{key}</kbd> : null}
                    {p.id === form.packageId ? (
                      <span className="package-chosen" aria-hidden="true">
                        {t.chosen}
                      </span>
                    ) : null}
                  </button>
                  <button
                    type="button"
                    className={starred ? 'star on' : 'star'}
                    aria-label={starred ? t.unstar({ name: p.name }) : t.star({ name: p.name })}
                    aria-pressed={starred}
                    title={starred ? t.unstarHint : t.starHint}
                    onClick={() => toggleFavourite(p.id)}
                  >
                    <span aria-hidden="true">{starred ? '★' : '☆'}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <DailyTotals version={totalsVersion} />
        </div>
        <form className="sell-panel card" onSubmit={(e) => void confirm(e)} noValidate>
          {result ? <SaleResult result={result} canPrint={Boolean(settings?.printerName)} /> : null}
          <label>
            {t.account}
            <input
              ref={accountRef}
              value={form.account}
              onChange={(e) => updateDraft({ account: e.target.value })}
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
              placeholder={t.accountPlaceholder}
              aria-invalid={shown.has('account') ? true : undefined}
              aria-describedby={shown.has('account') ? ERROR_TEST_IDS.account : undefined}
              data-testid="sale-account"
            />
          </label>
          {fieldError('account')}
          <CustomerHint account={check.account} online={status?.online ?? false} />
          <div className="sell-row">
            <span className="muted">{t.package}</span>
            <strong data-testid="sale-package">{selected ? selected.name : t.noneChosen}</strong>
          </div>
          <FromStockChoice
            item={stockItem}
            quantity={form.quantity}
            checked={sellFromStock}
            onChange={setFromStock}
          />
          <div className="sell-row">
            <span className="muted">{t.quantity}</span>
            <span className="qty">
              <button
                type="button"
                className="btn btn-small"
                onClick={() => updateDraft({ quantity: Math.max(1, form.quantity - 1) })}
                disabled={form.quantity <= 1}
                aria-label={t.less}
              >
                −
              </button>
              <input
                ref={quantityRef}
                value={form.quantity}
                onChange={(e) =>
                  updateDraft({
                    quantity: Math.min(
                      MAX_QUANTITY,
                      Math.max(1, Number(e.target.value.replace(/\D/g, '')) || 1),
                    ),
                  })
                }
                inputMode="numeric"
                aria-label={t.quantityLabel({ max: fmt.count(MAX_QUANTITY) })}
                aria-invalid={shown.has('limit') ? true : undefined}
                data-testid="sale-quantity"
              />
              <button
                type="button"
                className="btn btn-small"
                onClick={() => updateDraft({ quantity: Math.min(MAX_QUANTITY, form.quantity + 1) })}
                disabled={form.quantity >= MAX_QUANTITY}
                aria-label={t.more}
              >
                +
              </button>
            </span>
          </div>
          {fieldError('quantity')}
          <div className="sell-row total">
            <span>{t.total}</span>
            <strong data-testid="sale-total">{moneyText(check.total, selected ? currency : null)}</strong>
          </div>
          {fieldError('limit')}
          <label>
            {t.tendered({ currency })}
            <input
              ref={tenderedRef}
              value={form.tendered}
              onChange={(e) => updateDraft({ tendered: e.target.value })}
              inputMode="decimal"
              autoComplete="off"
              placeholder={t.tenderedPlaceholder}
              aria-invalid={shown.has('tendered') ? true : undefined}
              aria-describedby={shown.has('tendered') ? ERROR_TEST_IDS.tendered : undefined}
              data-testid="sale-tendered"
            />
          </label>
          {check.total !== null && check.total > 0 ? (
            <div className="quick-tender" role="group" aria-label={t.quickTender}>
              {quickTenders(check.total, currency).map((amount, i) => (
                <button
                  key={amount}
                  type="button"
                  className="btn btn-small"
                  onClick={() => {
                    updateDraft({ tendered: tenderText(amount, currency, locale) });
                    tenderedRef.current?.focus();
                  }}
                  data-testid={i === 0 ? 'tender-exact' : `tender-${amount}`}
                >
                  {i === 0 ? t.exact : moneyText(amount, currency)}
                </button>
              ))}
            </div>
          ) : null}
          {fieldError('tendered')}
          <div className="sell-row">
            <span>{t.changeDue}</span>
            <strong
              data-testid="sale-change"
              className={check.change !== null && check.change < 0 ? 'bad' : undefined}
            >
              {check.change !== null && check.change >= 0 ? moneyText(check.change, currency) : '—'}
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
              {busy ? t.selling : t.confirm} <kbd>Enter</kbd>
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
              {t.cancel} <kbd>Esc</kbd>
            </button>
          </div>
          {headroom && !sellFromStock ? (
            <p className="muted" data-testid="offline-allowance">
              {t.offlineAllowance({
                perSale: moneyText(headroom.perSaleMax, currency),
                total: moneyText(headroom.totalLeft, currency),
              })}
            </p>
          ) : null}
        </form>
      </div>
    </section>
  );
}
