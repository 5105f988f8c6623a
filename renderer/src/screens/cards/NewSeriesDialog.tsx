import { useEffect, useState, type FormEvent } from 'react';
import type { CardReserveState } from '../../../../core/contract/types/cards';
import { DEFAULT_PIN_LENGTH, MAX_PIN_LENGTH, MIN_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { SERIES_PREFIX_PATTERN } from '../../../../core/cards/card-serial';
import { MAX_SERIES_QUANTITY } from '../../../../core/cards/card-schemas';
import { parseAmount } from '../../../../core/money/parse-amount';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { moneyText } from '../../format/money-text';
import { useL10n } from '../../i18n/locale-store';
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
  const l10n = useL10n();
  const { m, fmt } = l10n;
  const t = m.cards.series;
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
  const parsedAmount = form.amount.trim() ? parseAmount(form.amount, currency, fmt.locale) : null;
  const amount = parsedAmount?.ok ? parsedAmount.amount : null;
  const quantity = /^\d+$/.test(form.quantity.trim()) ? Number(form.quantity.trim()) : NaN;
  const validity = form.validityDays.trim();
  const expiresAt = localDayLastSecond(form.expires);
  const odds =
    Number.isInteger(pinLength) && pinLength >= MIN_PIN_LENGTH && pinLength <= MAX_PIN_LENGTH
      ? pinOddsText(pinLength, Number.isFinite(quantity) ? quantity : 1, l10n)
      : null;

  const problem =
    amount === null || amount <= 0
      ? t.badAmount({ currency })
      : !Number.isInteger(quantity) || quantity < 1 || quantity > MAX_SERIES_QUANTITY
        ? t.badQuantity({ max: fmt.count(MAX_SERIES_QUANTITY) })
        : !online && !reserve?.prefix
          ? t.reserveEmpty
          : !online && reserve && quantity > reserve.free
            ? t.reserveShort({ cards: fmt.counted(reserve.free, m.cards.cardCount) })
            : !SERIES_PREFIX_PATTERN.test(prefix)
              ? t.badPrefix
              : !odds
                ? t.badPinLength({ min: String(MIN_PIN_LENGTH), max: String(MAX_PIN_LENGTH) })
                : form.ownerId.trim() && !UUID.test(form.ownerId.trim())
                  ? t.badOwner
                  : !expiresAt || form.expires < localDayFromToday(0)
                    ? t.badExpiry
                    : validity &&
                        !(/^\d+$/.test(validity) && Number(validity) >= 1 && Number(validity) <= 3650)
                      ? t.badValidity
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
      <Modal title={t.title} onClose={onClose} testId="series-dialog" wide>
        <div className="form">
          <p>
            {t.jobSummary({
              cards: fmt.counted(job.total, m.cards.cardCount),
              amount: moneyText(amount, currency),
              prefix,
            })}
            {job.offline ? ` ${t.jobOffline}` : ''}
          </p>
          <SeriesProgress job={job} />
          <p className="muted">{t.closeNote}</p>
          <div className="modal-actions">
            {job.state === 'done' ? (
              <button
                type="button"
                className="btn btn-primary btn-large"
                onClick={() => onShowSeries(prefix)}
                autoFocus
                data-testid="series-show"
              >
                {t.show}
              </button>
            ) : null}
            <button type="button" className="btn btn-large" onClick={onClose} data-testid="series-close">
              {job.state === 'running' ? t.closeRunning : m.common.close}
            </button>
          </div>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={t.title} onClose={onClose} testId="series-dialog" wide>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {!online ? (
          <div className="warn-box" data-testid="series-offline">
            <strong>{t.offlineLabel}</strong>{' '}
            {t.offlineReserve({
              free: reserve ? fmt.count(reserve.free) : '…',
              prefix: reserve?.prefix ?? t.noPrefix,
              pinLength: reserve?.pinLength ? String(reserve.pinLength) : '—',
            })}
          </div>
        ) : reserve ? (
          <p className="muted">
            {reserve.prefix
              ? t.reserveFreePrefix({ free: fmt.count(reserve.free), prefix: reserve.prefix })
              : t.reserveFree({ free: fmt.count(reserve.free) })}
          </p>
        ) : null}
        <div className="grid-3">
          <label>
            {t.faceValue({ currency })}
            <input
              value={form.amount}
              onChange={(e) => set('amount', e.target.value)}
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              placeholder={t.amountPlaceholder}
              data-testid="series-amount"
            />
          </label>
          <label>
            {t.quantity}
            <input
              value={form.quantity}
              onChange={(e) => set('quantity', e.target.value.replace(/[^\d]/g, '').slice(0, 6))}
              inputMode="numeric"
              data-testid="series-quantity"
            />
          </label>
          <label>
            {t.prefix}
            <input
              value={prefix}
              onChange={(e) => set('prefix', e.target.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              placeholder={t.prefixPlaceholder}
              disabled={!online}
              data-testid="series-prefix"
            />
          </label>
          <label>
            {t.pinLength}
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
            {t.expires}
            <input
              type="date"
              value={form.expires}
              onChange={(e) => set('expires', e.target.value)}
              data-testid="series-expires"
            />
          </label>
          <label>
            {t.validity}
            <input
              value={form.validityDays}
              onChange={(e) => set('validityDays', e.target.value.replace(/\D/g, '').slice(0, 4))}
              inputMode="numeric"
              placeholder={t.validityPlaceholder}
              data-testid="series-validity"
            />
          </label>
          <label className="span-3">
            {t.owner}
            <input
              value={form.ownerId}
              onChange={(e) => set('ownerId', e.target.value)}
              placeholder={t.ownerPlaceholder}
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
            {t.total({ amount: moneyText(amount * quantity, currency) })}
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
            {busy ? t.starting : t.generate} <kbd>Enter</kbd>
          </button>
          {problem ? <span className="muted">{problem}</span> : null}
        </div>
      </form>
    </Modal>
  );
}
