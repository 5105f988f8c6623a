import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { MIN_PIN_LENGTH } from '../../../../core/cards/card-pin';
import { readAccount } from '../../../../core/sales/account-entry';
import { uuidv7 } from '../../../../core/uuidv7';
import { call } from '../../contract/contract-client';
import { errorCode, errorText } from '../../errors/error-text';
import { useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';
import '../../styles/redeem.css';
import { CustomerHint } from '../sell/CustomerHint';
import { PinGroupInput } from './PinGroupInput';
import { RecentRedemptions } from './RecentRedemptions';
import { RedeemResult, type RedeemView } from './RedeemResult';
import { listenForSettledRedemptions, markShownAtCounter } from './redemption-notices';
import { SerialScanDetector } from './serial-scan';

/** The form before a scanner burst (restored when the burst was a serial typed into the wrong field). */
interface FormSnapshot {
  readonly account: string;
  readonly pin: string;
}

/** A lockout the server answered: for which customer, until when (ms). */
interface Lock {
  readonly account: string;
  readonly until: number;
}

/** The retry wait a `card_redeem_locked` error carries, in seconds (60 when it does not say). */
function retryAfterSeconds(details: unknown): number {
  if (details && typeof details === 'object' && 'retryAfterSeconds' in details) {
    const s = Number((details as { retryAfterSeconds: unknown }).retryAfterSeconds);
    if (Number.isFinite(s) && s > 0) return s;
  }
  return 60;
}

/**
 * Redeem a top-up card onto a customer's wallet: the customer's account first, then the PIN (grouped as typed), and
 * the serial when the card's barcode is scanned (a scanner's fast burst ending in Enter lands in the serial field
 * wherever the focus was). Enter redeems, Esc clears. Offline the redemption is queued and settles with sync.
 */
export function RedeemScreen() {
  const status = useAppStore((s) => s.status);
  const { m, fmt } = useL10n();
  const t = m.redeem;
  const [account, setAccount] = useState('');
  const [pin, setPin] = useState('');
  const [serial, setSerial] = useState('');
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<RedeemView | null>(null);
  const [lock, setLock] = useState<Lock | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [version, setVersion] = useState(0);
  const accountRef = useRef<HTMLInputElement>(null);
  const pinRef = useRef<HTMLInputElement | null>(null);
  const serialRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  // One id per attempt: a retry after a lost answer replays it instead of redeeming twice.
  const attemptId = useRef(uuidv7());
  const formState = useRef<FormSnapshot>({ account: '', pin: '' });
  const [detector] = useState(() => new SerialScanDetector<FormSnapshot>());

  useEffect(() => listenForSettledRedemptions(), []);
  useEffect(() => {
    formState.current = { account, pin };
  }, [account, pin]);

  // Spaces and dashes as people write phone numbers are dropped; the message is a sentence.
  const accountEntry = account.trim() === '' ? null : readAccount(account);
  const accountError =
    accountEntry && !accountEntry.ok
      ? accountEntry.problem === 'empty'
        ? m.sell.check.accountEmpty
        : m.sell.check.accountFormat
      : null;
  const normalisedAccount = accountEntry?.ok ? accountEntry.account : account.trim();
  const lockedFor = lock && lock.account === normalisedAccount ? Math.max(0, (lock.until - now) / 1000) : 0;
  const locked = lockedFor > 0;
  const shown: RedeemView | null =
    view?.kind === 'locked' ? (locked ? { kind: 'locked', secondsLeft: lockedFor } : null) : view;

  // The lockout countdown ticks each second while it runs.
  useEffect(() => {
    if (!lock) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= lock.until) setLock(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [lock]);

  const problem =
    account.trim() === ''
      ? t.enterAccount
      : accountError
        ? accountError
        : pin.length < MIN_PIN_LENGTH
          ? t.typePin({ min: fmt.count(MIN_PIN_LENGTH) })
          : null;

  const newAttempt = useCallback((): void => {
    attemptId.current = uuidv7();
  }, []);

  const clear = useCallback((): void => {
    setAccount('');
    setPin('');
    setSerial('');
    setView(null);
    newAttempt();
    accountRef.current?.focus();
  }, [newAttempt]);

  // Scanner bursts and Esc, wherever the focus is on this screen.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey) {
        detector.reset();
        return;
      }
      const t = performance.now();
      if (e.key === 'Enter') {
        const scan = detector.enter(t);
        if (!scan) return;
        // A serial scanned: it goes to the serial field; whatever the burst typed elsewhere is undone.
        e.preventDefault();
        e.stopPropagation();
        setAccount(scan.before.account);
        setPin(scan.before.pin);
        setSerial(scan.serial);
        newAttempt();
        const next = scan.before.pin.length >= MIN_PIN_LENGTH ? submitRef.current : pinRef.current;
        setTimeout(() => next?.focus(), 0);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        clear();
      } else if (e.key.length === 1) {
        detector.key(e.key, t, () => formState.current);
      } else if (e.key !== 'Shift') {
        detector.reset();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [detector, clear, newAttempt]);

  const submit = async (e?: FormEvent): Promise<void> => {
    e?.preventDefault();
    if (busy || locked) return;
    if (problem) {
      // Enter after a good account just moves on to the PIN; anything else says what is missing.
      if (!accountError && account.trim() !== '' && pin.length === 0) {
        pinRef.current?.focus();
        return;
      }
      setView({ kind: 'error', message: problem });
      (account.trim() === '' || accountError ? accountRef.current : pinRef.current)?.focus();
      return;
    }
    setBusy(true);
    const customerAccount = normalisedAccount;
    try {
      const outcome = await call('cards.redeem', {
        customerAccount,
        pin,
        ...(serial.trim() ? { serial: serial.trim() } : {}),
        redemptionId: attemptId.current,
      });
      if (outcome.status === 'redeemed') markShownAtCounter(outcome.redemptionId);
      newAttempt();
      setView(
        outcome.status === 'redeemed'
          ? { kind: 'redeemed', outcome, account: customerAccount }
          : { kind: 'pending', account: customerAccount },
      );
      setAccount('');
      setPin('');
      setSerial('');
      accountRef.current?.focus();
    } catch (err) {
      const code = errorCode(err);
      if (code === 'card_redeem_failed' || code === 'card_redeem_locked')
        markShownAtCounter(attemptId.current);
      if (code === 'card_redeem_locked') {
        const wait = retryAfterSeconds((err as { details?: unknown }).details);
        const t = Date.now();
        setNow(t);
        setLock({ account: customerAccount, until: t + wait * 1000 });
        setView({ kind: 'locked', secondsLeft: wait });
        newAttempt();
      } else if (code === 'card_redeem_failed') {
        setView({ kind: 'failed', message: errorText(err) });
        newAttempt();
        pinRef.current?.select();
      } else {
        // No answer (service restarting): keep the attempt's id, so trying again replays it.
        if (code !== 'host_unreachable' && code !== 'internal') newAttempt();
        setView({ kind: 'error', message: errorText(err) });
      }
    } finally {
      setBusy(false);
      setVersion((v) => v + 1);
    }
  };

  return (
    <section className="screen redeem" aria-labelledby="screen-title">
      <h1 id="screen-title">{m.app.screens.redeem}</h1>
      <div className="redeem-layout">
        <form
          className="card redeem-panel"
          onSubmit={(e) => void submit(e)}
          noValidate
          data-testid="redeem-form"
        >
          {shown ? <RedeemResult view={shown} /> : null}
          <label>
            {t.account}
            <input
              ref={accountRef}
              value={account}
              onChange={(e) => {
                setAccount(e.target.value);
                newAttempt();
              }}
              inputMode="tel"
              autoComplete="off"
              autoFocus
              placeholder={t.accountPlaceholder}
              aria-invalid={accountError ? true : undefined}
              data-testid="redeem-account"
            />
          </label>
          {accountError ? (
            <p className="field-error" role="alert">
              {accountError}
            </p>
          ) : null}
          <CustomerHint
            account={accountEntry?.ok ? accountEntry.account : null}
            online={status?.online ?? false}
          />
          <label>
            {t.pin}
            <PinGroupInput
              value={pin}
              onChange={(p) => {
                setPin(p);
                newAttempt();
              }}
              inputRef={pinRef}
            />
          </label>
          <p className="hint muted">
            {pin.length > 0 ? `${fmt.counted(pin.length, t.pinDigits)} · ` : ''}
            {t.pinHint}
          </p>
          <label>
            {t.serial}
            <input
              ref={serialRef}
              value={serial}
              onChange={(e) => {
                setSerial(e.target.value.replace(/[^\d-]/g, '').slice(0, 32));
                newAttempt();
              }}
              inputMode="numeric"
              autoComplete="off"
              placeholder="101-23423423"
              className="mono-input"
              data-testid="redeem-serial"
            />
          </label>
          <div className="actions">
            <button
              ref={submitRef}
              type="submit"
              className="btn btn-primary btn-large"
              disabled={busy || locked || Boolean(status?.blocked)}
              data-testid="redeem-submit"
            >
              {busy ? t.redeeming : locked ? t.locked : t.submit} <kbd>Enter</kbd>
            </button>
            <button type="button" className="btn btn-large" onClick={clear} data-testid="redeem-clear">
              {t.clear} <kbd>Esc</kbd>
            </button>
          </div>
          {status && !status.online ? (
            <p className="muted" data-testid="redeem-offline">
              {t.offline}
            </p>
          ) : null}
        </form>
        <RecentRedemptions version={version} />
      </div>
    </section>
  );
}
