import { useCallback, useEffect, useRef, useState } from 'react';
import type { ClerkSummary } from '../../../core/contract/types/clerks';
import type { SaleBusinessStatus } from '../../../core/contract/types/sales';
import { call } from '../contract/contract-client';
import { usePagedList } from '../hooks/use-paged-list';
import { localDayEnd, localDayStart } from '../format/local-day';
import { formatLocalTime, formatShortLocalTime } from '../format/local-time';
import { moneyText } from '../format/money-text';
import { ReceiptButtons } from '../receipts/ReceiptButtons';
import { asSentence } from '../errors/sentence';
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
const SYNC_TEXT: Readonly<Record<Item['syncState'], string>> = {
  synced: 'Synced',
  queued: 'Queued',
  rejected: 'Rejected',
};

/** The business status as the clerk reads it. */
const STATUS_TEXT: Readonly<Record<SaleBusinessStatus, string>> = {
  purchased: 'Purchased',
  refunded: 'Refunded',
  activated: 'Activated',
  not_sold: 'Not sold',
};

/** What a manager must know about a sale refused at the counter that the server applied later. */
const ATTENTION_TEXT =
  'Refused at the counter after the server did not answer in time, but the server applied it later: the customer got the credit. Collect the payment or refund it.';

/** Sales history: filter by date range, clerk, status, sync state and customer; open one for details and reprint. */
export function SalesScreen() {
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
      <h1 id="screen-title">Sales</h1>
      <button
        type="button"
        className="btn"
        aria-expanded={showStock}
        onClick={() => setShowStock((v) => !v)}
        data-testid="sales-stock-toggle"
      >
        {showStock ? 'Hide stock' : 'Stock'}
      </button>
      {showStock ? <StockView /> : null}
      <RefundCounter version={selected?.businessStatus === 'refunded' ? 1 : 0} />
      <OutcomesNotShownPanel canPrint={canPrint} />
      <div className="filters card">
        <label>
          From
          <input
            type="date"
            value={filters.from}
            onChange={(e) => set('from', e.target.value)}
            data-testid="sales-from"
          />
        </label>
        <label>
          To
          <input
            type="date"
            value={filters.to}
            onChange={(e) => set('to', e.target.value)}
            data-testid="sales-to"
          />
        </label>
        <label>
          Clerk
          <select
            value={filters.clerkId}
            onChange={(e) => set('clerkId', e.target.value)}
            data-testid="sales-clerk"
          >
            <option value="">All</option>
            {clerks.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={filters.status}
            onChange={(e) => set('status', e.target.value as Filters['status'])}
            data-testid="sales-status"
          >
            <option value="">All</option>
            <option value="purchased">Purchased</option>
            <option value="refunded">Refunded</option>
            <option value="activated">Activated</option>
            <option value="not_sold">Not sold</option>
          </select>
        </label>
        <label>
          Sync
          <select
            value={filters.sync}
            onChange={(e) => set('sync', e.target.value as Filters['sync'])}
            data-testid="sales-sync"
          >
            <option value="">All</option>
            <option value="synced">Synced</option>
            <option value="queued">Queued</option>
            <option value="rejected">Rejected</option>
          </select>
        </label>
        <label>
          Sold
          <select
            value={filters.source}
            onChange={(e) => set('source', e.target.value as Filters['source'])}
            data-testid="sales-source"
          >
            <option value="">All</option>
            <option value="stock">From stock</option>
            <option value="credits">With credits</option>
          </select>
        </label>
        <label>
          Customer
          <input
            value={filters.customer}
            onChange={(e) => set('customer', e.target.value)}
            placeholder="account"
            data-testid="sales-customer"
          />
        </label>
        <button type="button" className="btn" onClick={() => setFilters(EMPTY)}>
          Clear
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
                <th>Time</th>
                <th>Sale</th>
                <th className="col-package">Package</th>
                <th>Customer</th>
                <th className="num">Amount</th>
                <th>Status</th>
                <th>Sync</th>
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
                    {s.quantity} × {s.packageName}
                  </td>
                  <td className="mono account">{s.customerAccount}</td>
                  <td className="num nowrap">{moneyText(s.retailAmount, s.currency)}</td>
                  <td className={s.businessStatus === 'not_sold' ? 'bad nowrap' : 'nowrap'}>
                    {STATUS_TEXT[s.businessStatus]}
                    {s.fromStock ? <span className="muted"> · stock</span> : null}
                  </td>
                  <td>
                    <span className={`sync-badge sync-${s.syncState}`}>{SYNC_TEXT[s.syncState]}</span>
                    {s.status === 'confirmed_after_refusal' ? (
                      <span className="sync-badge sync-rejected attention" title={ATTENTION_TEXT}>
                        Needs attention
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
              {items.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    No sales match.
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
            aria-label="Sale details"
          >
            <div className="sale-details-head">
              <h2>Sale {selected.saleNumber}</h2>
              <button type="button" className="btn btn-small" onClick={() => setSelected(null)}>
                Close
              </button>
            </div>
            <dl className="facts">
              <dt>Time</dt>
              <dd>{formatLocalTime(selected.createdAt)}</dd>
              <dt>Clerk</dt>
              <dd>{selected.clerkName ?? '—'}</dd>
              <dt>Package</dt>
              <dd>
                {selected.quantity} × {selected.packageName}
              </dd>
              <dt>Customer</dt>
              <dd className="mono account">{selected.customerAccount}</dd>
              <dt>Amount</dt>
              <dd>{moneyText(selected.retailAmount, selected.currency)}</dd>
              {selected.tenderedAmount !== null ? (
                <>
                  <dt>Cash / change</dt>
                  <dd>
                    {moneyText(selected.tenderedAmount, selected.currency)} /{' '}
                    {moneyText(selected.changeAmount, selected.currency)}
                  </dd>
                </>
              ) : null}
              <dt>Status</dt>
              <dd>
                {STATUS_TEXT[selected.businessStatus]} · {SYNC_TEXT[selected.syncState]}
              </dd>
              {selected.status === 'confirmed_after_refusal' ? (
                <>
                  <dt>Attention</dt>
                  <dd className="bad">{ATTENTION_TEXT}</dd>
                </>
              ) : null}
              {selected.message ? (
                <>
                  <dt>Reason</dt>
                  <dd className="bad">{asSentence(selected.message)}</dd>
                </>
              ) : null}
              <dt>Receipts printed</dt>
              <dd data-testid="sale-details-prints">{selected.printCount}</dd>
            </dl>
            {selected.syncState !== 'rejected' ? (
              <div className="details-actions">
                <ReceiptButtons saleId={selected.id} canPrint={canPrint} onDone={refreshSelected} />
                <p className="muted">Receipts after the first are marked COPY.</p>
                <RefundPanel key={selected.id} sale={selected} onDone={refreshSelected} />
              </div>
            ) : null}
          </aside>
        ) : null}
      </div>
      {next ? (
        <button type="button" className="btn" onClick={loadMore}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
