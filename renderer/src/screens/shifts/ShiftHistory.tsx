import { useCallback, useEffect, useState } from 'react';
import type { ShiftState, ShiftSummary } from '../../../../core/contract/types/shifts';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useAppStore } from '../../store/app-store';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { saveShiftReportPdf } from './shift-files';

/** A manager's list of this terminal's shifts (newest first, paged) with their Z-reports, and the shift rule. */
export function ShiftHistory() {
  const toast = useAppStore((s) => s.toast);
  const { m } = useL10n();
  const t = m.shifts.history;
  const [rows, setRows] = useState<readonly ShiftSummary[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [rule, setRule] = useState<ShiftState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback((before: number | null): void => {
    call('shifts.list', { before, limit: 20 })
      .then((p) => {
        setRows((r) => (before === null || !r ? p.rows : [...r, ...p.rows]));
        setNext(p.next);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    load(null);
    call('shifts.current', {})
      .then(setRule)
      .catch((e: unknown) => setError(errorText(e)));
  }, [load]);

  const setRequire = (requireOpenShift: boolean): void => {
    call('shifts.setRequireOpen', { requireOpenShift })
      .then((s) => {
        setRule(s);
        const h = currentL10n().m.shifts.history;
        toast('ok', requireOpenShift ? h.requireOn : h.requireOff);
      })
      .catch((e: unknown) => setError(errorText(e)));
  };

  return (
    <div className="card card-wide">
      <h2>{t.title}</h2>
      {rule ? (
        <label className="check-row">
          <input
            type="checkbox"
            checked={rule.requireOpenShift}
            onChange={(e) => setRequire(e.target.checked)}
            data-testid="shift-require-open"
          />
          {t.requireLabel}
        </label>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!rows ? (
        <p aria-busy="true">{m.common.loading}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="shift-history">
            <thead>
              <tr>
                <th>{t.columns.number}</th>
                <th>{t.columns.openedClosed}</th>
                <th className="num">{t.columns.expected}</th>
                <th className="num">{t.columns.counted}</th>
                <th className="num">{t.columns.difference}</th>
                <th>{t.columns.sync}</th>
                <th>{t.columns.zReport}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>{s.number}</td>
                  <td>
                    {formatLocalTime(s.openedAt)} <span className="muted">{s.openedByName}</span>
                    <br />
                    {s.closedAt ? (
                      <>
                        {formatLocalTime(s.closedAt)} <span className="muted">{s.closedByName}</span>
                      </>
                    ) : (
                      <span className="muted">{t.stillOpen}</span>
                    )}
                  </td>
                  <td className="num">{s.expected === null ? '—' : moneyText(s.expected, s.currency)}</td>
                  <td className="num">{s.counted === null ? '—' : moneyText(s.counted, s.currency)}</td>
                  <td className="num">{s.difference === null ? '—' : moneyText(s.difference, s.currency)}</td>
                  <td title={s.syncMessage ?? undefined}>
                    {s.sync === 'synced' ? t.synced : s.sync === 'pending' ? t.waiting : t.refused}
                  </td>
                  <td>
                    {s.zNumber ? (
                      <button
                        type="button"
                        className="btn nowrap"
                        onClick={() =>
                          void saveShiftReportPdf('Z', s.id).catch((e: unknown) => setError(errorText(e)))
                        }
                        data-testid={`shift-z-${s.number}`}
                      >
                        {s.zNumber}
                      </button>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null ? (
        <button type="button" className="btn" onClick={() => load(next)}>
          {t.older}
        </button>
      ) : null}
    </div>
  );
}
