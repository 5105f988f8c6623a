import { useState, type FormEvent } from 'react';
import { MANAGER_MIN_PIN_LENGTH } from '../../../core/clerks/pin-rules';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';
import { PinInput } from './PinInput';

/** Right after enrollment: create the first manager (who is signed in at once). */
export function FirstManagerScreen() {
  const setSession = useAppStore((s) => s.setSession);
  const { m, fmt } = useL10n();
  const t = m.gate.firstManager;
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('clerks.create', { name, pin, role: 'manager' });
      setSession(await call('session.current', {}));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="gate" aria-labelledby="gate-title">
      <form className="gate-card" onSubmit={(e) => void submit(e)}>
        <h1 id="gate-title">{t.title}</h1>
        <p className="muted">{t.intro({ min: fmt.count(MANAGER_MIN_PIN_LENGTH) })}</p>
        <label>
          {t.name}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={60}
            autoFocus
            data-testid="manager-name"
          />
        </label>
        <PinInput value={pin} onChange={setPin} label={t.pin} testId="manager-pin" />
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          className="btn btn-primary btn-large"
          disabled={busy || pin.length < MANAGER_MIN_PIN_LENGTH}
          data-testid="manager-create"
        >
          {t.submit}
        </button>
      </form>
    </section>
  );
}
