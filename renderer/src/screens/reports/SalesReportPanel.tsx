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
import { currentL10n, useL10n } from '../../i18n/locale-store';

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

const PRESETS: readonly Exclude<Preset, 'custom'>[] = ['today', 'yesterday', 'week', 'month'];

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
  const { m } = useL10n();
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
          {m.reports.csv}
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{m.reports.nothing}</p>
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
  const { m, fmt } = useL10n();
  const t = m.reports;
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
      setError(currentL10n().m.reports.range.badRange);
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
    const now = new Date();
    const buckets = Array.from({ length: 24 }, (_, h) => ({
      hour: String(h).padStart(2, '0'),
      // The hour as the terminal's locale writes a clock time ("14:00", "02:00 PM").
      label: fmt.shortTime(new Date(now.getFullYear(), now.getMonth(), now.getDate(), h)),
      count: 0,
      amount: 0,
    }));
    for (const row of report?.byHour ?? []) {
      const b = buckets[new Date(row.hour).getHours()]!;
      b.count += row.count;
      b.amount += row.amount;
    }
    return buckets;
  }, [report, fmt]);

  const cur = report?.currency ?? null;
  const money = (n: number): string => moneyText(n, cur);
  const tag = report ? `${range.from}_${range.to}` : '';
  const totals = report?.totals;
  const offlineShare =
    totals && totals.salesCount > 0 ? Math.round((totals.offlineCount / totals.salesCount) * 100) : 0;

  return (
    <div className="sales-report" aria-busy={loading || undefined}>
      <div className="card card-wide">
        <div className="toolbar report-range">
          <div className="segmented" role="group" aria-label={t.range.label}>
            {PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                className={preset === p ? 'seg active' : 'seg'}
                aria-pressed={preset === p}
                onClick={() => choose(p)}
                data-testid={`report-${p}`}
              >
                {t.range[p]}
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
              {t.range.from}
              <input
                type="date"
                value={range.from}
                onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
                data-testid="report-from"
              />
            </label>
            <label>
              {t.range.to}
              <input
                type="date"
                value={range.to}
                onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
                data-testid="report-to"
              />
            </label>
            <button type="submit" className="btn btn-primary" data-testid="report-show">
              {t.range.show}
            </button>
          </form>
        </div>
        {loading ? (
          <p className="muted" role="status">
            {t.loading}
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {totals ? (
          <div className="stat-tiles" data-testid="report-totals">
            <div className="stat">
              <span className="muted">{t.totals.sales}</span>
              <strong data-testid="report-sales-count">{fmt.count(totals.salesCount)}</strong>
              <span data-testid="report-sales-amount">{money(totals.salesAmount)}</span>
            </div>
            <div className="stat">
              <span className="muted">{t.totals.offline}</span>
              <strong data-testid="report-offline-share">
                {t.totals.percent({ n: fmt.count(offlineShare) })}
              </strong>
              <span>
                {fmt.count(totals.offlineCount)} · {money(totals.offlineAmount)}
              </span>
            </div>
            <div className="stat">
              <span className="muted">{t.totals.refunds}</span>
              <strong data-testid="report-refund-count">{fmt.count(totals.refundCount)}</strong>
              <span>−{money(totals.refundAmount)}</span>
            </div>
            <div className="stat">
              <span className="muted">{t.totals.notSold}</span>
              <strong data-testid="report-void-count">{fmt.count(totals.voidCount)}</strong>
              <span>{t.totals.notSoldHint}</span>
            </div>
          </div>
        ) : null}
      </div>
      {report ? (
        <>
          <div className="card card-wide">
            <h3>{t.chart.title}</h3>
            <div className="report-chart" data-testid="report-chart" role="img" aria-label={t.chart.label}>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={hours} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} />
                  <XAxis dataKey="label" interval={1} fontSize={12} />
                  <YAxis fontSize={12} width={96} tickFormatter={(v: number) => money(Math.round(v))} />
                  <Tooltip formatter={(v) => [money(Number(v)), t.chart.series]} />
                  <Bar dataKey="amount" fill="#0f766e" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <ReportTable
              title={t.byHour.title}
              testId="report-hours"
              fileName={`sales-by-hour_${tag}.csv`}
              header={[t.byHour.header.hour, t.byHour.header.sales, t.byHour.header.amount]}
              rows={hours
                .filter((h) => h.count > 0)
                .map((h) => [h.label, fmt.count(h.count), money(h.amount)])}
              csvRows={hours.map((h) => [`${h.hour}:00`, h.count, csvAmount(h.amount, report.currency)])}
              numeric={[1, 2]}
            />
          </div>
          <div className="card card-wide">
            <ReportTable
              title={t.byPackage.title}
              testId="report-packages"
              fileName={`sales-by-package_${tag}.csv`}
              header={[
                t.byPackage.header.package,
                t.byPackage.header.sales,
                t.byPackage.header.quantity,
                t.byPackage.header.amount,
              ]}
              rows={report.byPackage.map((p) => [
                p.packageName,
                fmt.count(p.count),
                fmt.count(p.quantity),
                money(p.amount),
              ])}
              csvRows={report.byPackage.map((p) => [
                p.packageName,
                p.count,
                p.quantity,
                csvAmount(p.amount, report.currency),
              ])}
              numeric={[1, 2, 3]}
            />
            <ReportTable
              title={t.byClerk.title}
              testId="report-clerks"
              fileName={`sales-by-clerk_${tag}.csv`}
              header={[
                t.byClerk.header.clerk,
                t.byClerk.header.sales,
                t.byClerk.header.amount,
                t.byClerk.header.refunds,
                t.byClerk.header.refunded,
              ]}
              rows={report.byClerk.map((c) => [
                c.clerkName,
                fmt.count(c.count),
                money(c.amount),
                fmt.count(c.refundCount),
                money(c.refundAmount),
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
              title={t.topCustomers.title}
              testId="report-customers"
              fileName={`top-customers_${tag}.csv`}
              header={[
                t.topCustomers.header.account,
                t.topCustomers.header.sales,
                t.topCustomers.header.amount,
              ]}
              rows={report.topCustomers.map((c) => [c.account, fmt.count(c.count), money(c.amount)])}
              csvRows={report.topCustomers.map((c) => [
                c.account,
                c.count,
                csvAmount(c.amount, report.currency),
              ])}
              numeric={[1, 2]}
            />
            <ReportTable
              title={t.refunds.title}
              testId="report-refunds"
              fileName={`refunds_${tag}.csv`}
              header={[
                t.refunds.header.refund,
                t.refunds.header.sale,
                t.refunds.header.package,
                t.refunds.header.time,
                t.refunds.header.clerk,
                t.refunds.header.cashBack,
              ]}
              rows={report.refunds.map((r) => [
                r.refundNumber,
                r.saleNumber,
                r.packageName,
                formatLocalTime(r.refundedAt),
                r.clerkName,
                money(r.cashBack),
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
