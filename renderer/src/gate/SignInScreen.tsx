import { useEffect, useState, type FormEvent } from 'react';
import type { ClerkSummary } from '../../../core/contract/types/clerks';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { formatLocalTime } from '../format/local-time';
import { useAppStore } from '../store/app-store';
import { PinInput } from './PinInput';

/** Who is at the counter: pick your name, type your PIN, Enter. An auto-locked clerk is preselected. */
export function SignInScreen() {
  const session = useAppStore((s) => s.session);
  const setSession = useAppStore((s) => s.setSession);
  const [clerks, setClerks] = useState<readonly ClerkSummary[]>([]);
  const [selected, setSelected] = useState<string | null>(session?.lockedClerkId ?? null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('clerks.list', {})
      .then((list) => {
        setClerks(list);
        setSelected((cur) => cur ?? (list.length === 1 ? list[0]!.id : null));
      })
      .catch((err: unknown) => setError(errorText(err)));
  }, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!selected) return;
    setBusy(true);
    setError(null);
    try {
      setSession(await call('session.signIn', { clerkId: selected, pin }));
    } catch (err) {
      setError(errorText(err));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  const chosen = clerks.find((c) => c.id === selected);
  return (
    <section className="gate" aria-labelledby="gate-title">
      <form className="gate-card gate-wide" onSubmit={(e) => void submit(e)}>
        <h1 id="gate-title">{session?.lockedClerkId ? 'Locked — sign in to continue' : 'Sign in'}</h1>
        <div className="clerk-grid" role="radiogroup" aria-label="Clerk">
          {clerks.map((c) => (
            <button
              key={c.id}
              type="button"
              role="radio"
              aria-checked={c.id === selected}
              className={c.id === selected ? 'clerk-tile selected' : 'clerk-tile'}
              onClick={() => {
                setSelected(c.id);
                setPin('');
                setError(null);
              }}
              data-testid={`clerk-${c.name}`}
            >
              <span className="clerk-name">{c.name}</span>
              <span className="clerk-role">{c.role}</span>
            </button>
          ))}
        </div>
        {chosen ? (
          <>
            {chosen.lockedUntil ? (
              <p className="error">
                Too many wrong PINs: locked until {formatLocalTime(chosen.lockedUntil)}.
              </p>
            ) : null}
            <PinInput
              value={pin}
              onChange={setPin}
              label={`PIN for ${chosen.name}`}
              testId="signin-pin"
              autoFocus
            />
            {error ? (
              <p className="error" role="alert" data-testid="signin-error">
                {error}
              </p>
            ) : null}
            <button
              type="submit"
              className="btn btn-primary btn-large"
              disabled={busy || pin.length < 4}
              data-testid="signin-submit"
            >
              Sign in
            </button>
          </>
        ) : (
          <p className="muted">Choose your name.</p>
        )}
      </form>
    </section>
  );
}
