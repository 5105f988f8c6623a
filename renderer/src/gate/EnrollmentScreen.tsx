import { useState, type FormEvent } from 'react';
import { call } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { currentL10n, useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';

/** First run: enroll this terminal with a central API (address + one-time code), or the demo in one click. */
export function EnrollmentScreen() {
  const terminal = useAppStore((s) => s.terminal);
  const setTerminal = useAppStore((s) => s.setTerminal);
  const t = useL10n().m.gate.enroll;
  const [apiUrl, setApiUrl] = useState(terminal?.defaultApiUrl ?? '');
  const [code, setCode] = useState('');
  const [name, setName] = useState(() => currentL10n().m.gate.enroll.defaultTerminalName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => ReturnType<typeof call<'terminal.enroll'>>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setTerminal(await action());
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void run(() => call('terminal.enroll', { apiUrl, code, terminalName: name }));
  };

  return (
    <section className="gate" aria-labelledby="gate-title">
      <div className="gate-card">
        <h1 id="gate-title">{t.title}</h1>
        <p className="muted">{t.intro}</p>
        {terminal?.demo.available ? (
          <div className="demo-offer">
            <div>
              <strong>{t.demoAvailable}</strong>
              <div className="muted">
                {t.demoWhere({
                  reseller: terminal.demo.resellerName ?? t.demoReseller,
                  url: terminal.defaultApiUrl ?? '',
                })}
              </div>
            </div>
            <button
              type="button"
              className="btn btn-primary btn-large"
              disabled={busy}
              onClick={() => void run(() => call('terminal.enrollDemo', { terminalName: name }))}
              data-testid="enroll-demo"
              autoFocus
            >
              {t.useDemo}
            </button>
          </div>
        ) : null}
        <form onSubmit={submit} className="form">
          <label>
            {t.apiAddress}
            <input
              value={apiUrl}
              onChange={(e) => setApiUrl(e.target.value)}
              placeholder={t.apiPlaceholder}
              required
              data-testid="enroll-api-url"
            />
          </label>
          <label>
            {t.code}
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              required
              minLength={6}
              data-testid="enroll-code"
              autoFocus={!terminal?.demo.available}
            />
          </label>
          <label>
            {t.terminalName}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={80}
              data-testid="enroll-name"
            />
          </label>
          {error ? (
            <p className="error" role="alert" data-testid="enroll-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn btn-large" disabled={busy} data-testid="enroll-submit">
            {busy ? t.enrolling : t.submit}
          </button>
        </form>
      </div>
    </section>
  );
}
