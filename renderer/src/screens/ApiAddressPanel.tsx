import { useState, type FormEvent } from 'react';
import { checkApiUrl } from '../../../core/terminal/api-url';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { currentL10n, useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';

/** Settings: the central API address this terminal syncs with; a manager can change it (used from the next sync). */
export function ApiAddressPanel() {
  const { m } = useL10n();
  const t = m.settings.api;
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const current = useAppStore((s) => s.terminal?.terminal?.apiUrl ?? '');
  const setTerminal = useAppStore((s) => s.setTerminal);
  const toast = useAppStore((s) => s.toast);
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Follow the stored address when it changes (a save from here, the terminal state read again).
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(current);
  }

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const check = checkApiUrl(text);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const state = await call('terminal.setApiUrl', { apiUrl: check.url });
      setTerminal(state);
      setText(state.terminal?.apiUrl ?? check.url);
      toast('ok', currentL10n().m.settings.api.saved({ url: check.url }));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card form api-address"
      onSubmit={(e) => void save(e)}
      noValidate
      data-testid="api-address"
    >
      <h2>{t.title}</h2>
      {isManager ? null : <p className="read-only-note">{t.readOnly}</p>}
      <label>
        {t.address}
        <input
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
          disabled={!isManager}
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={500}
          placeholder={t.addressExample}
          aria-invalid={error ? true : undefined}
          aria-describedby="api-address-help"
          data-testid="settings-api-url"
        />
      </label>
      {error ? (
        <p className="error" role="alert" data-testid="settings-api-url-error">
          {error}
        </p>
      ) : null}
      <p className="muted" id="api-address-help">
        {t.help}
      </p>
      {isManager ? (
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || text.trim() === ''}
          data-testid="settings-api-url-save"
        >
          {busy ? m.common.saving : t.save}
        </button>
      ) : null}
    </form>
  );
}
