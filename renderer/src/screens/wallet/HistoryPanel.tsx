import { useState } from 'react';
import { localDayEnd, localDayStart } from '../../format/local-day';
import { formatShortLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useCreditHistory } from '../../hooks/credit/use-credit-history';
import { useL10n } from '../../i18n/locale-store';
import { downloadText } from '../cards/download';

/** Journal kinds the filter offers (any other kind still shows in the list). */
const KINDS = [
  'sale',
  'sale_refund',
  'sale_void',
  'credit_purchase',
  'credit_transfer',
  'card_series',
  'card_delete',
  'card_move_in',
  'card_move_out',
] as const;

/** The words for a journal kind, or the kind itself when the catalog has none. */
function kindText(kind: string, texts: Readonly<Record<string, string>>): string {
  return Object.hasOwn(texts, kind) ? texts[kind]! : kind;
}

/** The credit account's movements: filter by kind and local dates, paged, with a CSV export of the same filter. */
export function HistoryPanel() {
  const { m, fmt } = useL10n();
  const t = m.wallet.history;
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
        {t.title} {history.stale ? <span className="pill pill-offline">{t.stale}</span> : null}
      </h2>
      <div className="filters wallet-filters">
        <label>
          {t.kind}
          <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="wallet-history-kind">
            <option value="">{t.all}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.from}
          <input type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
        </label>
        <label>
          {t.to}
          <input type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
        </label>
        {history.csv.phase === 'running' ? (
          <button type="button" className="btn" onClick={history.cancelExport}>
            {fmt.counted(history.csv.rows, t.stopExport)}
          </button>
        ) : (
          <button
            type="button"
            className="btn"
            onClick={() => void exportCsv()}
            data-testid="wallet-history-csv"
          >
            {m.common.exportCsv}
          </button>
        )}
      </div>
      {history.csv.phase === 'failed' ? <p className="error">{history.csv.error}</p> : null}
      {history.csv.phase === 'done' ? (
        <p className="muted" role="status">
          {fmt.counted(history.csv.rows, t.exported)}
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
              <th>{m.wallet.when}</th>
              <th>{t.kind}</th>
              <th>{t.memo}</th>
              <th className="num">{m.wallet.amount}</th>
            </tr>
          </thead>
          <tbody>
            {history.items.map((e) => (
              <tr key={e.entryId}>
                <td className="nowrap">{formatShortLocalTime(e.createdAt)}</td>
                <td>{kindText(e.kind, t.kinds)}</td>
                <td className="wallet-memo">{e.memo ?? ''}</td>
                <td className={`num ${e.amount < 0 ? 'bad' : 'ok'}`}>{moneyText(e.amount, e.currency)}</td>
              </tr>
            ))}
            {history.items.length === 0 && !history.error ? (
              <tr>
                <td colSpan={4} className="muted">
                  {t.empty}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {history.next ? (
        <button type="button" className="btn" onClick={history.loadMore}>
          {t.loadMore}
        </button>
      ) : null}
    </section>
  );
}
