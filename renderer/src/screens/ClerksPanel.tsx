import { useEffect, useState, type FormEvent } from 'react';
import { MANAGER_MIN_PIN_LENGTH } from '../../../core/clerks/pin-rules';
import type { ClerkRole, ClerkSummary } from '../../../core/contract/types/clerks';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { PinInput } from '../gate/PinInput';
import { useAppStore } from '../store/app-store';

/** Settings: the terminal's clerks; a manager adds clerks with a role and a PIN (4-8 digits, 6-8 for a manager). */
export function ClerksPanel() {
  const session = useAppStore((s) => s.session);
  const toast = useAppStore((s) => s.toast);
  const [clerks, setClerks] = useState<readonly ClerkSummary[]>([]);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<ClerkRole>('clerk');
  const [error, setError] = useState<string | null>(null);
  const isManager = session?.clerk?.role === 'manager';
  const minPin = role === 'manager' ? MANAGER_MIN_PIN_LENGTH : 4;

  const reload = (): void => {
    call('clerks.list', {})
      .then(setClerks)
      .catch((err: unknown) => setError(errorText(err)));
  };
  useEffect(reload, []);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      const created = await call('clerks.create', { name, pin, role });
      toast('ok', `Clerk ${created.name} added`);
      setName('');
      setPin('');
      setRole('clerk');
      reload();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <div className="card">
      <h2>Clerks</h2>
      <ul className="clerk-list" data-testid="clerk-list">
        {clerks.map((c) => (
          <li key={c.id}>
            <strong>{c.name}</strong> <span className="muted">{c.role}</span>
          </li>
        ))}
      </ul>
      {isManager ? (
        <form className="form inline-form" onSubmit={(e) => void submit(e)}>
          <h3>Add a clerk</h3>
          <label>
            Name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={60}
              data-testid="new-clerk-name"
            />
          </label>
          <label>
            Role
            <select
              value={role}
              onChange={(e) => setRole(e.target.value as ClerkRole)}
              data-testid="new-clerk-role"
            >
              <option value="clerk">Clerk</option>
              <option value="manager">Manager</option>
            </select>
          </label>
          <PinInput value={pin} onChange={setPin} label={`PIN (${minPin}-8 digits)`} testId="new-clerk-pin" />
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={pin.length < minPin || name.trim() === ''}
            data-testid="new-clerk-submit"
          >
            Add clerk
          </button>
        </form>
      ) : (
        <p className="muted">Only a manager can add clerks.</p>
      )}
    </div>
  );
}
