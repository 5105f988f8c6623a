import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClerkSummary } from '../../../core/contract/types/clerks';
import type { SaleBusinessStatus } from '../../../core/contract/types/sales';
import { call } from '../contract/contract-client';
import { usePagedList } from '../hooks/use-paged-list';
import { localDayEnd, localDayStart } from '../format/local-day';
import { formatLocalTime, formatShortLocalTime } from '../format/local-time';
import { moneyText } from '../format/money-text';
import { ReceiptButtons } from '../receipts/ReceiptButtons';
import { codeText } from '../errors/code-text';
import { asSentence } from '../errors/sentence';
import { useL10n } from '../i18n/locale-store';
import type { Catalog } from '../../../core/i18n/catalog';
import { OutcomesNotShownPanel } from './sales/OutcomesNotShownPanel';
import { RefundPanel } from './sales/RefundPanel';
import { StockView } from './sales/StockView';
import { RefundCounter } from './sales/RefundCounter';

type Page = Awaited<ReturnType<typeof call<'sales.list'>>>;
type Item = Page['items'][number];
type Filters = {
  from: string;
  to: string;
  clerkId: string;
  status: '' | SaleBusinessStatus;
  sync: '' | 'synced' | 'queued' | 'rejected';
  customer: string;
  source: '' | 'stock' | 'credits';
};

const EMPTY: Filters = { from: '', to: '', clerkId: '', status: '', sync: '', customer: '', source: '' };

/** The sync state as the clerk reads it. */
function syncText(m: Catalog, state: Item['syncState']): string {
  return m.sales.sync[state];
}

/** The business status as the clerk reads it. */
function statusText(m: Catalog, status: SaleBusinessStatus): string {
  return status === 'not_sold' ? m.sales.status.notSold : m.sales.status[status];
}

/** Sales history: filter by date range, clerk, status, sync state and customer; open one for details and reprint. */
export function SalesScreen() {
  const { m, fmt } = useL10n();
  const t = m.sales;
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [clerks, setClerks] = useState<readonly ClerkSummary[]>([]);
  const [selected, setSelected] = useState<Item | null>(null);
  const [canPrint, setCanPrint] = useState(false);
  const [showStock, setShowStock] = useState(false);
  const detailsRef = useRef<HTMLElement>(null);
  const selectedId = selected?.id ?? null;
  // On a narrow window the details sit above the table: bring them into view when a sale is opened.
  useEffect(() => {
    if (selectedId) detailsRef.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selectedId]);

  useEffect(() => {
    call('clerks.list', {})
      .then(setClerks)
      .catch(() => setClerks([]));
    call('settings.get', {})
      .then((s) => setCanPrint(Boolean(s.printerName)))
      .catch(() => setCanPrint(false));
  }, []);

  const fetchPage = useCallback(
    (before: string | null) => {
      const from = filters.from ? localDayStart(filters.from) : null;
      const to = filters.to ? localDayEnd(filters.to) : null;
      return call('sales.list', {
        limit: 50,
        before,
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(filters.clerkId ? { clerkId: filters.clerkId } : {}),
        ...(filters.status ? { status: filters.status } : {}),
        ...(filters.sync ? { sync: filters.sync } : {}),
        ...(filters.customer.trim() ? { customer: filters.customer.trim() } : {}),
        ...(filters.source ? { source: filters.source } : {}),
      });
    },
    [filters],
  );
  const { items, next, error, loadMore } = usePagedList<Item>(fetchPage);

  // After a print or Save PDF the count of receipts printed (and COPY) changed: read the sale again.
  const refreshSelected = (): void => {
    if (!selected) return;
    call('sales.get', { saleId: selected.id })
      .then(setSelected)
      .catch(() => undefined);
  };

  const set = <K extends keyof Filters>(key: K, value: Filters[K]): void =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t.title}</h1>
      <button
        type="button"
        className="btn"
        aria-expanded={showStock}
        onClick={() => setShowStock((v) => !v)}
        data-testid="sales-stock-toggle"
      >
        {showStock ? t.hideStock : t.stockToggle}
      </button>
      {showStock ? <StockView /> : null}
      <RefundCounter version={selected?.businessStatus === 'refunded' ? 1 : 0} />
      <OutcomesNotShownPanel canPrint={canPrint} />
      <div className="filters card">
        <label>
          {t.filters.from}
          <input
            type="date"
            value={filters.from}
            onChange={(e) => set('from', e.target.value)}
            data-testid="sales-from"
          />
        </label>
        <label>
          {t.filters.to}
          <input
            type="date"
            value={filters.to}
            onChange={(e) => set('to', e.target.value)}
            data-testid="sales-to"
          />
        </label>
        <label>
          {t.filters.clerk}
          <select
            value={filters.clerkId}
            onChange={(e) => set('clerkId', e.target.value)}
            data-testid="sales-clerk"
          >
            <option value="">{t.filters.all}</option>
            {clerks.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.filters.status}
          <select
            value={filters.status}
            onChange={(e) => set('status', e.target.value as Filters['status'])}
            data-testid="sales-status"
          >
            <option value="">{t.filters.all}</option>
            <option value="purchased">{t.status.purchased}</option>
            <option value="refunded">{t.status.refunded}</option>
            <option value="activated">{t.status.activated}</option>
            <option value="not_sold">{t.status.notSold}</option>
          </select>
        </label>
        <label>
          {t.filters.sync}
          <select
            value={filters.sync}
            onChange={(e) => set('sync', e.target.value as Filters['sync'])}
            data-testid="sales-sync"
          >
            <option value="">{t.filters.all}</option>
            <option value="synced">{t.sync.synced}</option>
            <option value="queued">{t.sync.queued}</option>
            <option value="rejected">{t.sync.rejected}</option>
          </select>
        </label>
        <label>
          {t.filters.sold}
          <select
            value={filters.source}
            onChange={(e) => set('source', e.target.value as Filters['source'])}
            data-testid="sales-source"
          >
            <option value="">{t.filters.all}</option>
            <option value="stock">{t.filters.fromStock}</option>
            <option value="credits">{t.filters.withCredits}</option>
          </select>
        </label>
        <label>
          {t.filters.customer}
          <input
            value={filters.customer}
            onChange={(e) => set('customer', e.target.value)}
            placeholder={t.filters.customerPlaceholder}
            data-testid="sales-customer"
          />
        </label>
        <button type="button" className="btn" onClick={() => setFilters(EMPTY)}>
          {m.common.clear}
        </button>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="sales-layout">
        <div className="table-scroll">
          <table className="table" data-testid="sales-table">
            <thead>
              <tr>
                <th>{t.columns.time}</th>
                <th>{t.columns.sale}</th>
                <th className="col-package">{t.columns.package}</th>
                <th>{t.columns.customer}</th>
                <th className="num">{t.columns.amount}</th>
                <th>{t.columns.status}</th>
                <th>{t.columns.sync}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr
                  key={s.id}
                  className={selected?.id === s.id ? 'row selected' : 'row'}
                  onClick={() => setSelected(s)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') setSelected(s);
                  }}
                  tabIndex={0}
                  data-testid={`sale-row-${s.saleNumber}`}
                >
                  <td className="nowrap">{formatShortLocalTime(s.createdAt)}</td>
                  <td className="mono nowrap">{s.saleNumber}</td>
                  <td className="col-package">
                    {fmt.count(s.quantity)} × {s.packageName}
                  </td>
                  <td className="mono account">{s.customerAccount}</td>
                  <td className="num nowrap">{moneyText(s.retailAmount, s.currency)}</td>
                  <td className={s.businessStatus === 'not_sold' ? 'bad nowrap' : 'nowrap'}>
                    {statusText(m, s.businessStatus)}
                    {s.fromStock ? <span className="muted">{t.stockTag}</span> : null}
                  </td>
                  <td>
                    <span className={`sync-badge sync-${s.syncState}`}>{syncText(m, s.syncState)}</span>
                    {s.status === 'confirmed_after_refusal' ? (
                      <span className="sync-badge sync-rejected attention" title={t.attentionText}>
                        {t.needsAttention}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
              {items.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    {t.noMatch}
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        {selected ? (
          <aside
            ref={detailsRef}
            className="card sale-details"
            data-testid="sale-details"
            aria-label={t.details.label}
          >
            <div className="sale-details-head">
              <h2>{t.details.heading({ number: selected.saleNumber })}</h2>
              <button type="button" className="btn btn-small" onClick={() => setSelected(null)}>
                {m.common.close}
              </button>
            </div>
            <dl className="facts">
              <dt>{t.details.time}</dt>
              <dd>{formatLocalTime(selected.createdAt)}</dd>
              <dt>{t.details.clerk}</dt>
              <dd>{selected.clerkName ?? '—'}</dd>
              <dt>{t.details.package}</dt>
              <dd>
                {fmt.count(selected.quantity)} × {selected.packageName}
              </dd>
              <dt>{t.details.customer}</dt>
              <dd className="mono account">{selected.customerAccount}</dd>
              <dt>{t.details.amount}</dt>
              <dd>{moneyText(selected.retailAmount, selected.currency)}</dd>
              {selected.tenderedAmount !== null ? (
                <>
                  <dt>{t.details.cashChange}</dt>
                  <dd>
                    {moneyText(selected.tenderedAmount, selected.currency)} /{' '}
                    {moneyText(selected.changeAmount, selected.currency)}
                  </dd>
                </>
              ) : null}
              <dt>{t.details.status}</dt>
              <dd>
                {statusText(m, selected.businessStatus)} · {syncText(m, selected.syncState)}
              </dd>
              {selected.status === 'confirmed_after_refusal' ? (
                <>
                  <dt>{t.details.attention}</dt>
                  <dd className="bad">{t.attentionText}</dd>
                </>
              ) : null}
              {selected.message ? (
                <>
                  <dt>{t.details.reason}</dt>
                  <dd className="bad">
                    {selected.reason
                      ? codeText(selected.reason, selected.message)
                      : asSentence(selected.message)}
                  </dd>
                </>
              ) : null}
              <dt>{t.details.receiptsPrinted}</dt>
              <dd data-testid="sale-details-prints">{fmt.count(selected.printCount)}</dd>
            </dl>
            {selected.syncState !== 'rejected' ? (
              <div className="details-actions">
                <ReceiptButtons saleId={selected.id} canPrint={canPrint} onDone={refreshSelected} />
                <p className="muted">{t.details.copyNote}</p>
                <RefundPanel key={selected.id} sale={selected} onDone={refreshSelected} />
              </div>
            ) : null}
          </aside>
        ) : null}
      </div>
      {next ? (
        <button type="button" className="btn" onClick={loadMore}>
          {t.loadMore}
        </button>
      ) : null}
    </section>
  );
}
