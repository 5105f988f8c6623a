import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { ShiftReport, ShiftState } from '../../../../core/contract/types/shifts';
import { numberSeparators, parseAmount } from '../../../../core/money/parse-amount';
import { differenceLabel } from '../../../../core/shifts/shift-cash';
import { uuidv7 } from '../../../../core/uuidv7';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { moneyText } from '../../format/money-text';
import { useAppStore } from '../../store/app-store';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import { CashCountForm, type CountedCash } from './CashCountForm';
import { printShiftReport, saveShiftReportPdf } from './shift-files';

type Mode = 'idle' | 'closing' | 'cash';

/** The figures of an X- or Z-report on screen (the PDF carries the same). */
export function ShiftFiguresView({ report }: { report: ShiftReport }) {
  const c = report.shift.currency;
  const { m, fmt } = useL10n();
  const t = m.shifts.figures;
  return (
    <dl className="facts shift-figures" data-testid={`shift-figures-${report.kind}`}>
      <dt>{t.float}</dt>
      <dd>{moneyText(report.float, c)}</dd>
      <dt>{t.sales}</dt>
      <dd>
        <span data-testid="shift-sales-count">{fmt.count(report.salesCount)}</span> ·{' '}
        {moneyText(report.salesAmount, c)}
      </dd>
      <dt>{t.voids}</dt>
      <dd>{fmt.count(report.voidCount)}</dd>
      <dt>{t.refunds}</dt>
      <dd>
        {fmt.count(report.refundCount)} · −{moneyText(report.refundAmount, c)}
      </dd>
      <dt>{t.cashInOut}</dt>
      <dd>
        {moneyText(report.cashIn, c)} / −{moneyText(report.cashOut, c)}
      </dd>
      <dt>{t.expected}</dt>
      <dd>
        <strong data-testid="shift-expected">{moneyText(report.expected, c)}</strong>
      </dd>
      {report.byClerk.length > 0 ? (
        <>
          <dt>{t.byClerk}</dt>
          <dd>
            <ul className="plain-list">
              {report.byClerk.map((k) => (
                <li key={k.clerkId}>
                  {t.clerkSales({
                    name: k.clerkName,
                    sales: fmt.counted(k.salesCount, t.salesCount),
                    amount: moneyText(k.salesAmount, c),
                  })}
                  {k.refundCount > 0
                    ? t.clerkRefunds({
                        refunds: fmt.counted(k.refundCount, t.refundsCount),
                        amount: moneyText(k.refundAmount, c),
                      })
                    : ''}
                  {k.cashIn > 0 ? t.clerkCashIn({ amount: moneyText(k.cashIn, c) }) : ''}
                  {k.cashOut > 0 ? t.clerkCashOut({ amount: moneyText(k.cashOut, c) }) : ''}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * The drawer: open a shift with a counted float, move cash in or out, X-report at any time, close with the counted
 * drawer and get the Z-report (expected, counted, the difference). Keys: F2 close the shift, F3 X-report PDF, F4 cash
 * in/out.
 */
export function ShiftPanel() {
  const toast = useAppStore((s) => s.toast);
  const { m } = useL10n();
  const t = m.shifts.panel;
  const [state, setState] = useState<ShiftState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<Mode>('idle');
  const [xReport, setXReport] = useState<ShiftReport | null>(null);
  const [closed, setClosed] = useState<ShiftReport | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The id of the next open or cash move (kept across retries of the same attempt, new after each success). */
  const attempt = useRef(uuidv7());

  const reload = useCallback((): void => {
    call('shifts.current', {})
      .then(setState)
      .catch((err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(reload, [reload]);

  const run = async (what: () => Promise<void>): Promise<void> => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const open = (c: CountedCash): void =>
    void run(async () => {
      // The attempt's id: a retry after a lost answer gets the shift this attempt opened.
      await call('shifts.open', { float: c.count, shiftId: attempt.current });
      attempt.current = uuidv7();
      toast('ok', currentL10n().m.shifts.panel.opened({ amount: moneyText(c.total, state?.currency) }));
      setXReport(null);
      reload();
    });

  const close = (c: CountedCash): void =>
    void run(async () => {
      const z = await call('shifts.close', { shiftId: state!.current!.id, counted: c.count });
      setClosed(z);
      setMode('idle');
      setXReport(null);
      reload();
      headingRef.current?.focus();
    });

  const x = (): void =>
    void run(async () => {
      const r = await call('shifts.report', { kind: 'X' });
      setXReport(r.report);
      await saveShiftReportPdf('X');
      toast('ok', currentL10n().m.shifts.panel.xSaved);
    });

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || !state?.current) return;
      if (e.key === 'F2') {
        e.preventDefault();
        setMode('closing');
      } else if (e.key === 'F3') {
        e.preventDefault();
        x();
      } else if (e.key === 'F4') {
        e.preventDefault();
        setMode('cash');
      } else if (e.key === 'Escape' && mode !== 'idle') {
        setMode('idle');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!state) return <p aria-busy="true">{error ?? m.common.loading}</p>;
  const current = state.current;
  const c = state.currency;

  return (
    <div className="shift-panel">
      {closed ? <ClosedShift report={closed} onDone={() => setClosed(null)} /> : null}
      {error ? (
        <p className="error" role="alert" data-testid="shift-error">
          {error}
        </p>
      ) : null}
      {!current ? (
        closed ? null : (
          <div className="card">
            <h2 ref={headingRef} tabIndex={-1}>
              {t.openTitle}
            </h2>
            <p className="muted">
              {t.countFloat} {state.requireOpenShift ? t.needOpenShift : t.saleOpensShift}
            </p>
            <CashCountForm
              currency={c}
              denominations={state.denominations}
              submitLabel={t.openShift}
              busy={busy}
              testId="float"
              onSubmit={open}
            />
          </div>
        )
      ) : (
        <div className="card">
          <div className="screen-head">
            <h2 ref={headingRef} tabIndex={-1} data-testid="shift-open-heading">
              {t.openHeading({ number: String(current.number) })}
            </h2>
            <span className={`sync-pill sync-${current.sync}`} data-testid="shift-sync">
              {current.sync === 'synced'
                ? t.syncSynced
                : current.sync === 'pending'
                  ? t.syncPending
                  : t.syncRefused}
            </span>
          </div>
          <dl className="facts">
            <dt>{t.openedLabel}</dt>
            <dd>
              {t.openedBy({ time: formatLocalTime(current.openedAt), name: current.openedByName })}
              {current.implicit ? t.openedBySale : ''}
            </dd>
            <dt>{t.float}</dt>
            <dd data-testid="shift-float">{moneyText(current.float, c)}</dd>
          </dl>
          <div className="toolbar shift-actions">
            <button type="button" className="btn" onClick={x} data-testid="shift-x-report">
              {t.xReportPdf} <kbd>F3</kbd>
            </button>
            <button
              type="button"
              className="btn"
              onClick={() =>
                void run(async () => {
                  const printer = await printShiftReport('X');
                  toast('ok', currentL10n().m.shifts.panel.xSent({ printer }));
                })
              }
              data-testid="shift-x-print"
            >
              {t.printX}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => setMode('cash')}
              data-testid="shift-cash-move"
            >
              {t.cashInOut} <kbd>F4</kbd>
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setMode('closing')}
              data-testid="shift-close"
            >
              {t.closeShift} <kbd>F2</kbd>
            </button>
          </div>
          {xReport ? <ShiftFiguresView report={xReport} /> : null}
          {mode === 'cash' ? (
            <CashMoveForm
              currency={c}
              busy={busy}
              onDone={() => setMode('idle')}
              onSave={(kind, amount, reason) =>
                run(async () => {
                  await call('shifts.cashMove', { kind, amount, reason, moveId: attempt.current });
                  attempt.current = uuidv7();
                  const p = currentL10n().m.shifts.panel;
                  toast(
                    'ok',
                    (kind === 'in' ? p.cashInDone : p.cashOutDone)({ amount: moneyText(amount, c) }),
                  );
                  setMode('idle');
                  reload();
                })
              }
            />
          ) : null}
          {state.moves.length > 0 ? (
            <>
              <h3>{t.cashMoves}</h3>
              <ul className="plain-list" data-testid="shift-moves">
                {state.moves.map((move) => (
                  <li key={move.id}>
                    {formatLocalTime(move.at)} · {move.kind === 'in' ? t.moveIn : t.moveOut}{' '}
                    {moneyText(move.amount, c)} · {move.reason} · {move.clerkName}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {mode === 'closing' ? (
            <div className="shift-close">
              <h3>{t.closeTitle}</h3>
              <p className="muted">{t.closeHint}</p>
              <CashCountForm
                currency={c}
                denominations={state.denominations}
                submitLabel={t.closeAndZ}
                busy={busy}
                testId="close"
                onSubmit={close}
              />
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

/** The result of a close: the difference as the largest figure, and the Z-report to save or print. */
function ClosedShift({ report, onDone }: { report: ShiftReport; onDone: () => void }) {
  const toast = useAppStore((s) => s.toast);
  const { m } = useL10n();
  const t = m.shifts.closed;
  const [error, setError] = useState<string | null>(null);
  const s = report.shift;
  const c = s.currency;
  const diff = s.difference ?? 0;
  const label = differenceLabel(diff);
  return (
    <div className="card shift-closed" data-testid="shift-closed">
      <h2>
        {t.heading({ number: String(s.number) })} · <span data-testid="shift-z-number">{s.zNumber}</span>
      </h2>
      <div className="cash-compare">
        <div>
          <span className="muted">{t.expected}</span>
          <strong data-testid="shift-closed-expected">{moneyText(s.expected, c)}</strong>
        </div>
        <div>
          <span className="muted">{t.counted}</span>
          <strong data-testid="shift-closed-counted">{moneyText(s.counted, c)}</strong>
        </div>
        <div className={`cash-diff cash-${label}`}>
          <span className="muted">{t.difference}</span>
          <strong data-testid="shift-closed-difference">
            {label === 'balanced'
              ? t.balanced
              : (label === 'over' ? t.over : t.short)({ amount: moneyText(Math.abs(diff), c) })}
          </strong>
        </div>
      </div>
      <ShiftFiguresView report={report} />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="toolbar">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() =>
            void saveShiftReportPdf('Z', s.id)
              .then(() => toast('ok', currentL10n().m.shifts.closed.zSaved))
              .catch((e: unknown) => setError(errorText(e)))
          }
          data-testid="shift-z-save"
          // The close is done: the clerk's next key saves the Z-report (focus never falls to the page).
          autoFocus
        >
          {t.saveZ}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() =>
            void printShiftReport('Z', s.id)
              .then((p) => toast('ok', currentL10n().m.shifts.closed.zSent({ printer: p })))
              .catch((e: unknown) => setError(errorText(e)))
          }
          data-testid="shift-z-print"
        >
          {t.printZ}
        </button>
        <button type="button" className="btn" onClick={onDone} data-testid="shift-closed-done">
          {t.done}
        </button>
      </div>
    </div>
  );
}

/** Cash in or out of the drawer with an amount and a reason. */
function CashMoveForm({
  currency,
  busy,
  onSave,
  onDone,
}: {
  currency: string;
  busy: boolean;
  onSave: (kind: 'in' | 'out', amount: number, reason: string) => Promise<void>;
  onDone: () => void;
}) {
  const { m, fmt } = useL10n();
  const t = m.shifts.cashMove;
  const [kind, setKind] = useState<'in' | 'out'>('out');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const p = parseAmount(amountText, currency, fmt.locale);
    if (!p.ok || p.amount <= 0)
      return setProblem(t.badAmount({ example: `20${numberSeparators(fmt.locale).decimal}00` }));
    if (reason.trim() === '') return setProblem(t.noReason);
    setProblem(null);
    void onSave(kind, p.amount, reason.trim());
  };
  return (
    <form className="form cash-move" onSubmit={submit} noValidate data-testid="cash-move-form">
      <h3>{t.title}</h3>
      <div className="segmented" role="group" aria-label={t.direction}>
        <button
          type="button"
          className={kind === 'in' ? 'seg active' : 'seg'}
          aria-pressed={kind === 'in'}
          onClick={() => setKind('in')}
          data-testid="cash-move-in"
        >
          {t.cashIn}
        </button>
        <button
          type="button"
          className={kind === 'out' ? 'seg active' : 'seg'}
          aria-pressed={kind === 'out'}
          onClick={() => setKind('out')}
          data-testid="cash-move-out"
        >
          {t.cashOut}
        </button>
      </div>
      <div className="form-row">
        <label>
          {t.amount({ currency })}
          <input
            inputMode="decimal"
            value={amountText}
            onChange={(e) => setAmountText(e.target.value)}
            autoFocus
            data-testid="cash-move-amount"
          />
        </label>
        <label>
          {t.reason}
          <input
            value={reason}
            maxLength={120}
            onChange={(e) => setReason(e.target.value)}
            data-testid="cash-move-reason"
          />
        </label>
      </div>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="toolbar">
        <button
          type="submit"
          className="btn btn-primary"
          aria-disabled={busy || undefined}
          data-testid="cash-move-save"
        >
          {m.common.save}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {m.common.cancel}
        </button>
      </div>
    </form>
  );
}
