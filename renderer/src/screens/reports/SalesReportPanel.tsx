import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SalesReport } from '../../../../core/contract/types/reports';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { localDayEnd, localDayStart, todayLocal } from '../../format/local-day';
import { formatLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { downloadText } from '../cards/download';
import { csvAmount, toCsv } from './report-csv';

type Preset = 'today' | 'yesterday' | 'week' | 'month' | 'custom';

/** `YYYY-MM-DD` of a local date `days` from today. */
function localDate(daysFromToday: number, d = new Date()): string {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate() + daysFromToday);
  return `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
}

function presetRange(p: Exclude<Preset, 'custom'>): { from: string; to: string } {
  const today = todayLocal();
  if (p === 'today') return { from: today, to: today };
  if (p === 'yesterday') return { from: localDate(-1), to: localDate(-1) };
  if (p === 'week') return { from: localDate(-6), to: today };
  return { from: `${today.slice(0, 8)}01`, to: today };
}

const PRESETS: readonly { id: Exclude<Preset, 'custom'>; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: 'yesterday', label: 'Yesterday' },
  { id: 'week', label: 'Last 7 days' },
  { id: 'month', label: 'This month' },
];

/** A table with its CSV export. */
function ReportTable({
  title,
  testId,
  fileName,
  header,
  rows,
  csvRows,
  numeric,
}: {
  title: string;
  testId: string;
  fileName: string;
  header: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  csvRows: readonly (readonly (string | number)[])[];
  /** Columns aligned right. */
  numeric: readonly number[];
}) {
  return (
    <section className="report-table" aria-label={title}>
      <div className="screen-head">
        <h3>{title}</h3>
        <button
          type="button"
          className="btn"
          onClick={() => downloadText(fileName, toCsv(header, csvRows), 'text/csv')}
          data-testid={`${testId}-csv`}
          disabled={rows.length === 0}
        >
          CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">Nothing in this range.</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid={testId}>
            <thead>
              <tr>
                {header.map((h, i) => (
                  <th key={h} className={numeric.includes(i) ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} className={numeric.includes(j) ? 'num' : undefined}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/**
 * The manager's sales report of this terminal for today or a range of local days: totals with the offline share,
 * sales by hour (chart), by package, by clerk, top customers and refunds, each table with its CSV. The figures come
 * from the terminal's own SQLite (works offline); the screen stays usable while they load.
 */
export function SalesReportPanel() {
  const [preset, setPreset] = useState<Preset>('today');
  const [range, setRange] = useState(() => presetRange('today'));
  const [report, setReport] = useState<SalesReport | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const ask = useRef(0);

  const load = useCallback((r: { from: string; to: string }): void => {
    const from = localDayStart(r.from);
    const to = localDayEnd(r.to);
    if (!from || !to || from >= to) {
      setError('Choose a start day on or before the end day.');
      return;
    }
    const n = ++ask.current;
    setLoading(true);
    setError(null);
    call('reports.sales', { from, to })
      .then((rep) => {
        if (n === ask.current) setReport(rep);
      })
      .catch((e: unknown) => {
        if (n === ask.current) setError(errorText(e));
      })
      .finally(() => {
        if (n === ask.current) setLoading(false);
      });
  }, []);
  // The first figures (today) load when the panel opens; `load` sets its progress state only once the call is made.
  useEffect(() => {
    void Promise.resolve().then(() => load(presetRange('today')));
  }, [load]);

  const choose = (p: Exclude<Preset, 'custom'>): void => {
    const r = presetRange(p);
    setPreset(p);
    setRange(r);
    load(r);
  };

  const hours = useMemo(() => {
    const buckets = Array.from({ length: 24 }, (_, h) => ({
      hour: String(h).padStart(2, '0'),
      count: 0,
      amount: 0,
    }));
    for (const row of report?.byHour ?? []) {
      const b = buckets[new Date(row.hour).getHours()]!;
      b.count += row.count;
      b.amount += row.amount;
    }
    return buckets;
  }, [report]);

  const cur = report?.currency ?? null;
  const m = (n: number): string => moneyText(n, cur);
  const tag = report ? `${range.from}_${range.to}` : '';
  const t = report?.totals;
  const offlineShare = t && t.salesCount > 0 ? Math.round((t.offlineCount / t.salesCount) * 100) : 0;

  return (
    <div className="sales-report" aria-busy={loading || undefined}>
      <div className="card card-wide">
        <div className="toolbar report-range">
          <div className="segmented" role="group" aria-label="Range">
            {PRESETS.map((p) => (
              <button
                key={p.id}
                type="button"
                className={preset === p.id ? 'seg active' : 'seg'}
                aria-pressed={preset === p.id}
                onClick={() => choose(p.id)}
                data-testid={`report-${p.id}`}
              >
                {p.label}
              </button>
            ))}
          </div>
          <form
            className="report-custom"
            onSubmit={(e) => {
              e.preventDefault();
              setPreset('custom');
              load(range);
            }}
          >
            <label>
              From
              <input
                type="date"
                value={range.from}
                onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
                data-testid="report-from"
              />
            </label>
            <label>
              To
              <input
                type="date"
                value={range.to}
                onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
                data-testid="report-to"
              />
            </label>
            <button type="submit" className="btn btn-primary" data-testid="report-show">
              Show
            </button>
          </form>
        </div>
        {loading ? (
          <p className="muted" role="status">
            Loading the figures…
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {t ? (
          <div className="stat-tiles" data-testid="report-totals">
            <div className="stat">
              <span className="muted">Sales</span>
              <strong data-testid="report-sales-count">{t.salesCount}</strong>
              <span data-testid="report-sales-amount">{m(t.salesAmount)}</span>
            </div>
            <div className="stat">
              <span className="muted">Sold offline</span>
              <strong data-testid="report-offline-share">{offlineShare}%</strong>
              <span>
                {t.offlineCount} · {m(t.offlineAmount)}
              </span>
            </div>
            <div className="stat">
              <span className="muted">Refunds</span>
              <strong data-testid="report-refund-count">{t.refundCount}</strong>
              <span>−{m(t.refundAmount)}</span>
            </div>
            <div className="stat">
              <span className="muted">Not sold</span>
              <strong data-testid="report-void-count">{t.voidCount}</strong>
              <span>rejected or refused</span>
            </div>
          </div>
        ) : null}
      </div>
      {report ? (
        <>
          <div className="card card-wide">
            <h3>Sales by hour</h3>
            <div
              className="report-chart"
              data-testid="report-chart"
              role="img"
              aria-label="Sales amount by hour of the day"
            >
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={hours} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="hour" interval={1} fontSize={12} />
                  <YAxis
                    fontSize={12}
                    width={64}
                    tickFormatter={(v: number) => csvAmount(v, report.currency)}
                  />
                  <Tooltip
                    formatter={(v) => [m(Number(v)), 'Sales']}
                    labelFormatter={(h) => `${String(h)}:00`}
                  />
                  <Bar dataKey="amount" fill="#0f766e" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <ReportTable
              title="By hour"
              testId="report-hours"
              fileName={`sales-by-hour_${tag}.csv`}
              header={['Hour', 'Sales', 'Amount']}
              rows={hours.filter((h) => h.count > 0).map((h) => [`${h.hour}:00`, h.count, m(h.amount)])}
              csvRows={hours.map((h) => [`${h.hour}:00`, h.count, csvAmount(h.amount, report.currency)])}
              numeric={[1, 2]}
            />
          </div>
          <div className="card card-wide">
            <ReportTable
              title="By package"
              testId="report-packages"
              fileName={`sales-by-package_${tag}.csv`}
              header={['Package', 'Sales', 'Quantity', 'Amount']}
              rows={report.byPackage.map((p) => [p.packageName, p.count, p.quantity, m(p.amount)])}
              csvRows={report.byPackage.map((p) => [
                p.packageName,
                p.count,
                p.quantity,
                csvAmount(p.amount, report.currency),
              ])}
              numeric={[1, 2, 3]}
            />
            <ReportTable
              title="By clerk"
              testId="report-clerks"
              fileName={`sales-by-clerk_${tag}.csv`}
              header={['Clerk', 'Sales', 'Amount', 'Refunds', 'Refunded']}
              rows={report.byClerk.map((c) => [
                c.clerkName,
                c.count,
                m(c.amount),
                c.refundCount,
                m(c.refundAmount),
              ])}
              csvRows={report.byClerk.map((c) => [
                c.clerkName,
                c.count,
                csvAmount(c.amount, report.currency),
                c.refundCount,
                csvAmount(c.refundAmount, report.currency),
              ])}
              numeric={[1, 2, 3, 4]}
            />
            <ReportTable
              title="Top customers"
              testId="report-customers"
              fileName={`top-customers_${tag}.csv`}
              header={['Account', 'Sales', 'Amount']}
              rows={report.topCustomers.map((c) => [c.account, c.count, m(c.amount)])}
              csvRows={report.topCustomers.map((c) => [
                c.account,
                c.count,
                csvAmount(c.amount, report.currency),
              ])}
              numeric={[1, 2]}
            />
            <ReportTable
              title="Refunds"
              testId="report-refunds"
              fileName={`refunds_${tag}.csv`}
              header={['Refund', 'Sale', 'Package', 'Time', 'Clerk', 'Cash back']}
              rows={report.refunds.map((r) => [
                r.refundNumber,
                r.saleNumber,
                r.packageName,
                formatLocalTime(r.refundedAt),
                r.clerkName,
                m(r.cashBack),
              ])}
              csvRows={report.refunds.map((r) => [
                r.refundNumber,
                r.saleNumber,
                r.packageName,
                r.refundedAt,
                r.clerkName,
                csvAmount(r.cashBack, report.currency),
              ])}
              numeric={[5]}
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
