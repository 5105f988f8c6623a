import { useEffect, useState, type FormEvent } from 'react';
import type { ClerkSummary } from '../../../core/contract/types/clerks';
import { call } from '../contract/contract-client';
import { errorCode, errorText } from '../errors/error-text';
import { useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';
import { PinInput } from './PinInput';
import { waitText } from './wait-text';

/** Who is at the counter: pick your name, type your PIN, Enter. An auto-locked clerk is preselected. */
export function SignInScreen() {
  const session = useAppStore((s) => s.session);
  const setSession = useAppStore((s) => s.setSession);
  const { m, fmt } = useL10n();
  const t = m.gate.signIn;
  const [clerks, setClerks] = useState<readonly ClerkSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(session?.lockedClerkId ?? null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const loadClerks = (): void => {
    call('clerks.list', {})
      .then((list) => {
        setClerks(list);
        setSelected((cur) => cur ?? (list.length === 1 ? list[0]!.id : null));
      })
      .catch((err: unknown) => setError(errorText(err)));
  };
  useEffect(loadClerks, []);

  const chosen = clerks.find((c) => c.id === selected);
  const waitMs = chosen?.lockedUntil ? Date.parse(chosen.lockedUntil) - now : 0;
  const locked = waitMs > 0;
  // While the chosen clerk is locked out, count the wait down once a second.
  useEffect(() => {
    if (!locked) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [locked]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!selected) return;
    setBusy(true);
    setError(null);
    try {
      setSession(await call('session.signIn', { clerkId: selected, pin }));
    } catch (err) {
      // A lockout shows as the countdown above the PIN, from the refreshed list, not as a message that goes stale.
      if (errorCode(err) === 'clerk_locked') {
        setNow(Date.now());
        loadClerks();
      } else setError(errorText(err));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="gate" aria-labelledby="gate-title">
      <form className="gate-card gate-wide" onSubmit={(e) => void submit(e)}>
        <h1 id="gate-title">{session?.lockedClerkId ? t.lockedTitle : t.title}</h1>
        <div className="clerk-grid" role="radiogroup" aria-label={t.clerk}>
          {clerks.map((c) => (
            <button
              key={c.id}
              type="button"
              role="radio"
              aria-checked={c.id === selected}
              className={c.id === selected ? 'clerk-tile selected' : 'clerk-tile'}
              onClick={() => {
                // Digits typed before picking the right name are kept: the same person is typing their PIN.
                setSelected(c.id);
                setError(null);
              }}
              data-testid={`clerk-${c.name}`}
            >
              <span className="clerk-name">{c.name}</span>
              <span className="clerk-role">{m.app.roles[c.role]}</span>
            </button>
          ))}
        </div>
        {chosen ? (
          <>
            {locked ? (
              <p className="error" role="status" data-testid="signin-wait">
                {t.tooManyPins({ wait: waitText(waitMs, m.gate.wait, fmt) })}
              </p>
            ) : null}
            <PinInput
              value={pin}
              onChange={setPin}
              label={t.pinFor({ name: chosen.name })}
              testId="signin-pin"
              autoFocus
              focusOn={selected}
            />
            {error ? (
              <p className="error" role="alert" data-testid="signin-error">
                {error}
              </p>
            ) : null}
            <button
              type="submit"
              className="btn btn-primary btn-large"
              disabled={busy || pin.length < 4 || locked}
              data-testid="signin-submit"
            >
              {t.submit}
            </button>
          </>
        ) : (
          <p className="muted">{t.chooseName}</p>
        )}
      </form>
    </section>
  );
}
