import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { MANAGER_MIN_PIN_LENGTH } from '../../../../core/clerks/pin-rules';
import type { ClerkAdminView, ManagedClerk } from '../../../../core/contract/types/clerk-admin';
import type { ClerkRole, ClerkSummary } from '../../../../core/contract/types/clerks';
import { call } from '../../contract/contract-client';
import { errorText } from '../../errors/error-text';
import { formatLocalTime } from '../../format/local-time';
import { PinInput } from '../../gate/PinInput';
import { useAppStore } from '../../store/app-store';
import { currentL10n, useL10n } from '../../i18n/locale-store';
import type { Catalog } from '../../../../core/i18n/catalog';
import '../../styles/reports.css';

/** The catalog's line for each audited action. */
const ACTION_KEY = {
  renamed: 'renamed',
  role_changed: 'roleChanged',
  deactivated: 'deactivated',
  reactivated: 'reactivated',
  pin_reset: 'pinReset',
} as const satisfies Readonly<
  Record<ClerkAdminView['audit'][number]['action'], keyof Catalog['clerks']['audit']>
>;

/** The longest PIN a clerk may have. */
const MAX_PIN = 8;

/**
 * Settings: the terminal's clerks. A manager adds clerks, edits a name or role, deactivates and reactivates them
 * (a deactivated clerk cannot sign in; the last active manager stays), resets a PIN, and sees who changed what.
 */
export function ClerksPanel() {
  const session = useAppStore((s) => s.session);
  const isManager = session?.clerk?.role === 'manager';
  const { m } = useL10n();
  const t = m.clerks;
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
      <h2>{t.title}</h2>
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
                <strong>{c.name}</strong> <span className="muted">{t.roleInList[c.role]}</span>
              </li>
            ))}
          </ul>
          <p className="muted">{t.managerOnly}</p>
        </>
      ) : admin ? (
        <>
          <div className="table-scroll">
            <table className="table" data-testid="clerk-list">
              <thead>
                <tr>
                  <th>{t.columns.name}</th>
                  <th>{t.columns.role}</th>
                  <th>{t.columns.status}</th>
                  <th>{t.columns.change}</th>
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
          <h3>{t.changes}</h3>
          {admin.audit.length === 0 ? (
            <p className="muted">{t.noChanges}</p>
          ) : (
            <ul className="plain-list audit-list" data-testid="clerk-audit">
              {admin.audit.map((a) => (
                <li key={a.id}>
                  {t.audit[ACTION_KEY[a.action]]({
                    time: formatLocalTime(a.at),
                    actor: a.actorName,
                    clerk: a.clerkName,
                    detail: a.detail,
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p aria-busy="true">{m.common.loading}</p>
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
  const { m, fmt } = useL10n();
  const t = m.clerks;
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
    void act(
      () => call('clerks.update', { clerkId: clerk.id, name, role }),
      currentL10n().m.clerks.saved({ name: name.trim() }),
    );
  };
  const resetPin = (e: FormEvent): void => {
    e.preventDefault();
    void act(
      () => call('clerks.resetPin', { clerkId: clerk.id, pin }),
      currentL10n().m.clerks.pinSet({ name: clerk.name }),
    );
  };
  const minPin = clerk.role === 'manager' ? MANAGER_MIN_PIN_LENGTH : 4;

  return (
    <tr data-testid={`clerk-row-${slug}`}>
      <td>
        <strong>{clerk.name}</strong>
        {clerk.id === me ? <span className="muted">{t.you}</span> : null}
      </td>
      <td>{t.role[clerk.role]}</td>
      <td data-testid={`clerk-status-${slug}`}>
        {clerk.active ? (clerk.lockedUntil ? t.status.locked : t.status.active) : t.status.deactivated}
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
              {t.edit}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => setMode('pin')}
              data-testid={`clerk-pin-${slug}`}
            >
              {t.resetPin}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() =>
                void act(
                  () => call('clerks.update', { clerkId: clerk.id, active: !clerk.active }),
                  clerk.active ? t.cannotSignIn({ name: clerk.name }) : t.canSignIn({ name: clerk.name }),
                )
              }
              data-testid={`clerk-toggle-${slug}`}
            >
              {clerk.active ? t.deactivate : t.reactivate}
            </button>
          </div>
        ) : mode === 'edit' ? (
          <form className="form" onSubmit={save}>
            <label>
              {t.name}
              <input
                value={name}
                maxLength={60}
                onChange={(e) => setName(e.target.value)}
                autoFocus
                data-testid={`clerk-name-${slug}`}
              />
            </label>
            <label>
              {t.roleLabel}
              <select
                value={role}
                onChange={(e) => setRole(e.target.value as ClerkRole)}
                data-testid={`clerk-role-${slug}`}
              >
                <option value="clerk">{t.role.clerk}</option>
                <option value="manager">{t.role.manager}</option>
              </select>
            </label>
            <div className="clerk-row-actions">
              <button type="submit" className="btn btn-primary" data-testid={`clerk-save-${slug}`}>
                {m.common.save}
              </button>
              <button type="button" className="btn" onClick={() => setMode('view')}>
                {m.common.cancel}
              </button>
            </div>
          </form>
        ) : (
          <form className="form" onSubmit={resetPin}>
            <PinInput
              value={pin}
              onChange={setPin}
              label={t.newPin({ min: fmt.count(minPin), max: fmt.count(MAX_PIN) })}
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
                {t.setPin}
              </button>
              <button type="button" className="btn" onClick={() => setMode('view')}>
                {m.common.cancel}
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
  const { m, fmt } = useL10n();
  const t = m.clerks;
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
      toast('ok', currentL10n().m.clerks.added({ name: created.name }));
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
      <h3>{t.addTitle}</h3>
      <label>
        {t.name}
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={60}
          data-testid="new-clerk-name"
        />
      </label>
      <label>
        {t.roleLabel}
        <select
          value={role}
          onChange={(e) => setRole(e.target.value as ClerkRole)}
          data-testid="new-clerk-role"
        >
          <option value="clerk">{t.role.clerk}</option>
          <option value="manager">{t.role.manager}</option>
        </select>
      </label>
      <PinInput
        value={pin}
        onChange={setPin}
        label={t.pin({ min: fmt.count(minPin), max: fmt.count(MAX_PIN) })}
        testId="new-clerk-pin"
      />
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
        {t.add}
      </button>
    </form>
  );
}
