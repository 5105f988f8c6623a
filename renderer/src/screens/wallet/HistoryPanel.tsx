import { useState } from 'react';
import { localDayEnd, localDayStart } from '../../format/local-day';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useCreditHistory } from '../../hooks/credit/use-credit-history';
import { downloadText } from '../cards/download';

/** Journal kinds the filter offers (any other kind still shows in the list). */
const KINDS: readonly { readonly value: string; readonly label: string }[] = [
  { value: 'sale', label: 'Sales' },
  { value: 'sale_refund', label: 'Refunds' },
  { value: 'sale_void', label: 'Voided sales' },
  { value: 'credit_purchase', label: 'Credits bought' },
  { value: 'credit_transfer', label: 'Transfers' },
  { value: 'card_series', label: 'Card series' },
  { value: 'card_delete', label: 'Cards deleted' },
  { value: 'card_move_in', label: 'Cards moved in' },
  { value: 'card_move_out', label: 'Cards moved out' },
];

/** The credit account's movements: filter by kind and local dates, paged, with a CSV export of the same filter. */
export function HistoryPanel() {
  const [kind, setKind] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const from = fromDay ? (localDayStart(fromDay) ?? undefined) : undefined;
  const to = toDay ? (localDayEnd(toDay) ?? undefined) : undefined;
  const history = useCreditHistory({
    ...(kind ? { kind } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });

  const exportCsv = async (): Promise<void> => {
    const csv = await history.exportCsv();
    if (csv !== null)
      downloadText(`wallet-history-${new Date().toISOString().slice(0, 10)}.csv`, csv, 'text/csv');
  };

  return (
    <section
      className="card wallet-history"
      aria-labelledby="wallet-history-title"
      data-testid="wallet-history"
    >
      <h2 id="wallet-history-title">
        History {history.stale ? <span className="pill pill-offline">Offline: as last read</span> : null}
      </h2>
      <div className="filters wallet-filters">
        <label>
          Kind
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="wallet-history-kind">
            <option value="">All</option>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
        </label>
        {history.csv.phase === 'running' ? (
          <button type="button" className="btn" onClick={history.cancelExport}>
            Stop export ({history.csv.rows} rows)
          </button>
        ) : (
          <button
            type="button"
            className="btn"
            onClick={() => void exportCsv()}
            data-testid="wallet-history-csv"
          >
            Export CSV
          </button>
        )}
      </div>
      {history.csv.phase === 'failed' ? <p className="error">{history.csv.error}</p> : null}
      {history.csv.phase === 'done' ? (
        <p className="muted" role="status">
          Exported {history.csv.rows} rows.
        </p>
      ) : null}
      {history.error && history.items.length === 0 ? (
        <p className="error" role="alert">
          {history.error}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table" data-testid="wallet-history-table">
          <thead>
            <tr>
              <th>When</th>
              <th>Kind</th>
              <th>Memo</th>
              <th className="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((e) => (
              <tr key={e.entryId}>
                <td className="nowrap">{formatShortLocalTime(e.createdAt)}</td>
                <td>{KINDS.find((k) => k.value === e.kind)?.label ?? e.kind}</td>
                <td className="wallet-memo">{e.memo ?? ''}</td>
                <td className={`num ${e.amount < 0 ? 'bad' : 'ok'}`}>{moneyText(e.amount, e.currency)}</td>
              </tr>
            ))}
            {history.items.length === 0 && !history.error ? (
              <tr>
                <td colSpan={4} className="muted">
                  No movements for this filter.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {history.next ? (
        <button type="button" className="btn" onClick={history.loadMore}>
          Load more
        </button>
      ) : null}
    </section>
  );
}
