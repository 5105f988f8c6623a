import { useEffect, useState, type FormEvent } from 'react';
import type { CardReserveState } from '../../../../core/contract/types/cards';
import { DEFAULT_PIN_LENGTH, MAX_PIN_LENGTH, MIN_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { SERIES_PREFIX_PATTERN } from '../../../../core/cards/card-serial';
import { MAX_SERIES_QUANTITY } from '../../../../core/cards/card-schemas';
import { parseMajor } from '../../../../core/money/money';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { localDayFromToday, localDayLastSecond } from './card-dates';
import { Modal } from './Modal';
import { pinOddsText } from './pin-odds';
import { useSeriesJobs } from './series-jobs';
import { SeriesProgress } from './SeriesProgress';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SeriesForm {
  amount: string;
  quantity: string;
  prefix: string;
  pinLength: string;
  ownerId: string;
  expires: string;
  validityDays: string;
}

/**
 * "New series" (manager): amount, quantity, prefix, PIN length (with the guessing odds), owner, expiry and how long
 * the credits stay valid. Submitting answers at once; the progress bar follows the job, and closing the dialog leaves
 * it running. Offline the series is drawn from the PIN reserve (its prefix and PIN length) and is not yet valid until
 * synced.
 */
export function NewSeriesDialog({
  currency,
  online,
  onClose,
  onShowSeries,
}: {
  currency: string;
  online: boolean;
  onClose: () => void;
  onShowSeries: (prefix: string) => void;
}) {
  const [form, setForm] = useState<SeriesForm>({
    amount: '',
    quantity: '100',
    prefix: '',
    pinLength: String(DEFAULT_PIN_LENGTH),
    ownerId: '',
    expires: localDayFromToday(365),
    validityDays: '',
  });
  const [reserve, setReserve] = useState<CardReserveState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useSeriesJobs((s) => s.jobs.find((j) => j.jobId === jobId) ?? null);
  const track = useSeriesJobs((s) => s.track);

  useEffect(() => {
    call('cards.reserve', {})
      .then(setReserve)
      .catch(() => setReserve(null));
  }, [online]);

  const set = <K extends keyof SeriesForm>(key: K, value: SeriesForm[K]): void =>
    setForm((f) => ({ ...f, [key]: value }));

  const prefix = online ? form.prefix.trim() : (reserve?.prefix ?? '');
  const pinLength = online ? Number(form.pinLength) : (reserve?.pinLength ?? DEFAULT_PIN_LENGTH);
  const amount = form.amount.trim() ? parseMajor(form.amount, currency) : null;
  const quantity = /^\d+$/.test(form.quantity.trim()) ? Number(form.quantity.trim()) : NaN;
  const validity = form.validityDays.trim();
  const expiresAt = localDayLastSecond(form.expires);
  const odds =
    Number.isInteger(pinLength) && pinLength >= MIN_PIN_LENGTH && pinLength <= MAX_PIN_LENGTH
      ? pinOddsText(pinLength, Number.isFinite(quantity) ? quantity : 1)
      : null;

  const problem =
    amount === null || amount <= 0
      ? `Enter the face value in ${currency} (e.g. 10 or 12.50)`
      : !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_SERIES_QUANTITY
        ? `Quantity is 1 to ${MAX_SERIES_QUANTITY.toLocaleString()}`
        : !online && !reserve?.prefix
          ? 'Offline, and the PIN reserve is empty: a series cannot be made until the terminal is online.'
          : !online && reserve && quantity > reserve.free
            ? `Offline, the PIN reserve holds only ${reserve.free.toLocaleString()} cards`
            : !SERIES_PREFIX_PATTERN.test(prefix)
              ? 'The series prefix is 1 to 6 digits, not starting with 0'
              : !odds
                ? `PIN length is ${MIN_PIN_LENGTH} to ${MAX_PIN_LENGTH} digits`
                : form.ownerId.trim() && !UUID.test(form.ownerId.trim())
                  ? 'Owner is a reseller id (a UUID), or empty for this shop'
                  : !expiresAt || form.expires < localDayFromToday(0)
                    ? 'The expiry date must be in the future'
                    : validity &&
                        !(/^\d+$/.test(validity) && Number(validity) >= 1 && Number(validity) <= 3650)
                      ? 'Credits validity is 1 to 3650 days, or empty for never'
                      : null;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (busy) return;
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const started = await call('cards.createSeries', {
        amount: amount!,
        quantity,
        prefix,
        pinLength,
        expiresAt: expiresAt!,
        ...(form.ownerId.trim() ? { ownerId: form.ownerId.trim().toLowerCase() } : {}),
        grantValidityDays: validity ? Number(validity) : null,
      });
      track(started);
      setJobId(started.jobId);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (job) {
    return (
      <Modal title="New series" onClose={onClose} testId="series-dialog" wide>
        <div className="form">
          <p>
            {job.total.toLocaleString()} cards of {moneyText(amount, currency)}, series {prefix}.
            {job.offline
              ? ' Drawn from the PIN reserve: the cards are not yet valid until the series syncs.'
              : ''}
          </p>
          <SeriesProgress job={job} />
          <p className="muted">
            You can close this window: the series keeps going in the background and its progress shows on the
            Cards screen.
          </p>
          <div className="modal-actions">
            {job.state === 'done' ? (
              <button
                type="button"
                className="btn btn-primary btn-large"
                onClick={() => onShowSeries(prefix)}
                autoFocus
                data-testid="series-show"
              >
                Show these cards
              </button>
            ) : null}
            <button type="button" className="btn btn-large" onClick={onClose} data-testid="series-close">
              {job.state === 'running' ? 'Close (keeps running)' : 'Close'}
            </button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title="New series" onClose={onClose} testId="series-dialog" wide>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {!online ? (
          <div className="warn-box" data-testid="series-offline">
            <strong>Offline:</strong> the series is drawn from this terminal’s PIN reserve (
            <span data-testid="series-reserve-free">{reserve ? reserve.free.toLocaleString() : '…'}</span>{' '}
            cards free, prefix <strong>{reserve?.prefix ?? 'none'}</strong>, {reserve?.pinLength ?? '—'}-digit
            PINs). Its cards are marked “not yet valid” and cannot be redeemed until the terminal syncs and
            the server accepts the series.
          </div>
        ) : reserve ? (
          <p className="muted">
            PIN reserve for offline series: {reserve.free.toLocaleString()} free
            {reserve.prefix ? `, prefix ${reserve.prefix}` : ''}.
          </p>
        ) : null}
        <div className="grid-3">
          <label>
            Face value ({currency})
            <input
              value={form.amount}
              onChange={(e) => set('amount', e.target.value)}
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              placeholder="10.00"
              data-testid="series-amount"
            />
          </label>
          <label>
            Quantity
            <input
              value={form.quantity}
              onChange={(e) => set('quantity', e.target.value.replace(/[^\d]/g, '').slice(0, 6))}
              inputMode="numeric"
              data-testid="series-quantity"
            />
          </label>
          <label>
            Series prefix
            <input
              value={prefix}
              onChange={(e) => set('prefix', e.target.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              placeholder="e.g. 101"
              disabled={!online}
              data-testid="series-prefix"
            />
          </label>
          <label>
            PIN length (digits)
            <input
              type="number"
              min={MIN_PIN_LENGTH}
              max={MAX_PIN_LENGTH}
              value={online ? form.pinLength : String(pinLength)}
              onChange={(e) => set('pinLength', e.target.value)}
              disabled={!online}
              data-testid="series-pin-length"
            />
          </label>
          <label>
            Expires at the end of
            <input
              type="date"
              value={form.expires}
              onChange={(e) => set('expires', e.target.value)}
              data-testid="series-expires"
            />
          </label>
          <label>
            Credits valid for (days)
            <input
              value={form.validityDays}
              onChange={(e) => set('validityDays', e.target.value.replace(/\D/g, '').slice(0, 4))}
              inputMode="numeric"
              placeholder="never expire"
              data-testid="series-validity"
            />
          </label>
          <label className="span-3">
            Owner (reseller id, optional)
            <input
              value={form.ownerId}
              onChange={(e) => set('ownerId', e.target.value)}
              placeholder="this shop"
              spellCheck={false}
              data-testid="series-owner"
            />
          </label>
        </div>
        {odds ? (
          <div className={odds.warning ? 'odds odds-warn' : 'odds'} data-testid="series-odds">
            <strong>{odds.perGuess}.</strong> {odds.perDay}
            {odds.warning ? <div className="odds-warning">⚠ {odds.warning}</div> : null}
          </div>
        ) : null}
        {amount !== null && amount > 0 && Number.isInteger(quantity) && quantity > 0 ? (
          <p className="muted" data-testid="series-total">
            Total face value {moneyText(amount * quantity, currency)}, debited from the owner’s credits.
          </p>
        ) : null}
        {error ? (
          <p className="error" role="alert" data-testid="series-error">
            {error}
          </p>
        ) : null}
        <div className="modal-actions">
          <button
            type="submit"
            className="btn btn-primary btn-large"
            disabled={busy || Boolean(problem)}
            title={problem ?? undefined}
            data-testid="series-submit"
          >
            {busy ? 'Starting…' : 'Generate'} <kbd>Enter</kbd>
          </button>
          {problem ? <span className="muted">{problem}</span> : null}
        </div>
      </form>
    </Modal>
  );
}
