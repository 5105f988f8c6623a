import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { MANAGER_MIN_PIN_LENGTH } from '../../../../core/clerks/pin-rules';
import type { ClerkAdminView, ManagedClerk } from '../../../../core/contract/types/clerk-admin';
import type { ClerkRole, ClerkSummary } from '../../../../core/contract/types/clerks';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { PinInput } from '../../gate/PinInput';
import { useAppStore } from '../../store/app-store';
import '../../styles/reports.css';

const ACTION_TEXT: Readonly<Record<ClerkAdminView['audit'][number]['action'], string>> = {
  renamed: 'renamed',
  role_changed: 'changed the role of',
  deactivated: 'deactivated',
  reactivated: 'reactivated',
  pin_reset: 'reset the PIN of',
};

/**
 * Settings: the terminal's clerks. A manager adds clerks, edits a name or role, deactivates and reactivates them
 * (a deactivated clerk cannot sign in; the last active manager stays), resets a PIN, and sees who changed what.
 */
export function ClerksPanel() {
  const session = useAppStore((s) => s.session);
  const isManager = session?.clerk?.role === 'manager';
  const [clerks, setClerks] = useState<readonly ClerkSummary[]>([]);
  const [admin, setAdmin] = useState<ClerkAdminView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback((): void => {
    if (isManager)
      call('clerks.manage', {})
        .then(setAdmin)
        .catch((err: unknown) => setError(errorText(err)));
    else
      call('clerks.list', {})
        .then(setClerks)
        .catch((err: unknown) => setError(errorText(err)));
  }, [isManager]);
  useEffect(reload, [reload]);

  return (
    <div className="card card-wide" data-testid="clerks-panel">
      <h2>Clerks</h2>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {!isManager ? (
        <>
          <ul className="clerk-list" data-testid="clerk-list">
            {clerks.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong> <span className="muted">{c.role}</span>
              </li>
            ))}
          </ul>
          <p className="muted">Only a manager can add or change clerks.</p>
        </>
      ) : admin ? (
        <>
          <div className="table-scroll">
            <table className="table" data-testid="clerk-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th>Change</th>
                </tr>
              </thead>
              <tbody>
                {admin.clerks.map((c) => (
                  <ClerkRow key={c.id} clerk={c} me={session?.clerk?.id ?? null} onChanged={reload} />
                ))}
              </tbody>
            </table>
          </div>
          <AddClerkForm onAdded={reload} />
          <h3>Changes</h3>
          {admin.audit.length === 0 ? (
            <p className="muted">No changes yet.</p>
          ) : (
            <ul className="plain-list audit-list" data-testid="clerk-audit">
              {admin.audit.map((a) => (
                <li key={a.id}>
                  {formatLocalTime(a.at)}: {a.actorName} {ACTION_TEXT[a.action]} {a.clerkName} ({a.detail})
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p aria-busy="true">Loading…</p>
      )}
    </div>
  );
}

/** One clerk's row: edit (name, role), deactivate or reactivate, reset the PIN. */
function ClerkRow({
  clerk,
  me,
  onChanged,
}: {
  clerk: ManagedClerk;
  me: string | null;
  onChanged: () => void;
}) {
  const toast = useAppStore((s) => s.toast);
  const [mode, setMode] = useState<'view' | 'edit' | 'pin'>('view');
  const [name, setName] = useState(clerk.name);
  const [role, setRole] = useState<ClerkRole>(clerk.role);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const slug = clerk.name.replace(/\s+/g, '-');

  const act = async (what: () => Promise<unknown>, ok: string): Promise<void> => {
    setError(null);
    try {
      await what();
      toast('ok', ok);
      setMode('view');
      setPin('');
      onChanged();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const save = (e: FormEvent): void => {
    e.preventDefault();
    void act(() => call('clerks.update', { clerkId: clerk.id, name, role }), `${name.trim()} saved`);
  };
  const resetPin = (e: FormEvent): void => {
    e.preventDefault();
    void act(() => call('clerks.resetPin', { clerkId: clerk.id, pin }), `New PIN set for ${clerk.name}`);
  };
  const minPin = clerk.role === 'manager' ? MANAGER_MIN_PIN_LENGTH : 4;

  return (
    <tr data-testid={`clerk-row-${slug}`}>
      <td>
        <strong>{clerk.name}</strong>
        {clerk.id === me ? <span className="muted"> (you)</span> : null}
      </td>
      <td>{clerk.role === 'manager' ? 'Manager' : 'Clerk'}</td>
      <td data-testid={`clerk-status-${slug}`}>
        {clerk.active ? (clerk.lockedUntil ? 'Locked out (wrong PINs)' : 'Active') : 'Deactivated'}
      </td>
      <td>
        {mode === 'view' ? (
          <div className="clerk-row-actions">
            <button
              type="button"
              className="btn"
              onClick={() => setMode('edit')}
              data-testid={`clerk-edit-${slug}`}
            >
              Edit
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => setMode('pin')}
              data-testid={`clerk-pin-${slug}`}
            >
              Reset PIN
            </button>
            <button
              type="button"
              className="btn"
              onClick={() =>
                void act(
                  () => call('clerks.update', { clerkId: clerk.id, active: !clerk.active }),
                  clerk.active ? `${clerk.name} can no longer sign in` : `${clerk.name} can sign in again`,
                )
              }
              data-testid={`clerk-toggle-${slug}`}
            >
              {clerk.active ? 'Deactivate' : 'Reactivate'}
            </button>
          </div>
        ) : mode === 'edit' ? (
          <form className="form" onSubmit={save}>
            <label>
              Name
              <input
                value={name}
                maxLength={60}
                onChange={(e) => setName(e.target.value)}
                autoFocus
                data-testid={`clerk-name-${slug}`}
              />
            </label>
            <label>
              Role
              <select
                value={role}
                onChange={(e) => setRole(e.target.value as ClerkRole)}
                data-testid={`clerk-role-${slug}`}
              >
                <option value="clerk">Clerk</option>
                <option value="manager">Manager</option>
              </select>
            </label>
            <div className="clerk-row-actions">
              <button type="submit" className="btn btn-primary" data-testid={`clerk-save-${slug}`}>
                Save
              </button>
              <button type="button" className="btn" onClick={() => setMode('view')}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <form className="form" onSubmit={resetPin}>
            <PinInput
              value={pin}
              onChange={setPin}
              label={`New PIN (${minPin}-8 digits)`}
              testId={`clerk-newpin-${slug}`}
              autoFocus
            />
            <div className="clerk-row-actions">
              <button
                type="submit"
                className="btn btn-primary"
                disabled={pin.length < minPin}
                data-testid={`clerk-pin-save-${slug}`}
              >
                Set PIN
              </button>
              <button type="button" className="btn" onClick={() => setMode('view')}>
                Cancel
              </button>
            </div>
          </form>
        )}
        {error ? (
          <p className="error" role="alert" data-testid={`clerk-error-${slug}`}>
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

/** A manager adds a clerk with a role and a PIN (4-8 digits, 6-8 for a manager). */
function AddClerkForm({ onAdded }: { onAdded: () => void }) {
  const toast = useAppStore((s) => s.toast);
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [role, setRole] = useState<ClerkRole>('clerk');
  const [error, setError] = useState<string | null>(null);
  const minPin = role === 'manager' ? MANAGER_MIN_PIN_LENGTH : 4;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    try {
      const created = await call('clerks.create', { name, pin, role });
      toast('ok', `Clerk ${created.name} added`);
      setName('');
      setPin('');
      setRole('clerk');
      onAdded();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="form add-clerk" onSubmit={(e) => void submit(e)}>
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
  );
}
