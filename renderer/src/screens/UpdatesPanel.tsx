import { useEffect, useState } from 'react';
import type { UpdatePhase, UpdateState } from '../../../core/contract/types/updates';
import { call, on } from '../contract/contract-client';
import { errorText } from '../errors/error-text';
import { useAppStore } from '../store/app-store';

/** One line saying where the update stands. */
function phaseText(phase: UpdatePhase, current: string): string {
  switch (phase.kind) {
    case 'unmanaged':
      return phase.host === 'browser'
        ? 'Updates are managed by the desktop app. Browser mode does not update itself.'
        : 'This is a development build: it does not update itself.';
    case 'idle':
      return phase.lastCheckedAt
        ? `Refill Desk ${current} is up to date (checked ${new Date(phase.lastCheckedAt).toLocaleString()}).`
        : `Refill Desk ${current}. No update check yet.`;
    case 'checking':
      return 'Checking for updates…';
    case 'downloading':
      return `Downloading version ${phase.version}: ${phase.percent}%`;
    case 'verifying':
      return `Checking the signature of version ${phase.version}…`;
    case 'ready':
      return `Version ${phase.version} is downloaded and its signature verified. It installs only when a manager chooses.`;
    case 'refused':
      return `Version ${phase.version} was refused and will not be installed: ${phase.message}`;
    case 'failed':
      return `The last update check failed: ${phase.message}`;
    case 'installing':
      return `Installing version ${phase.version}: the app restarts…`;
  }
}

/** Settings: the app's own update; a manager installs a verified one when the counter is quiet. */
export function UpdatesPanel() {
  const isManager = useAppStore((s) => s.session?.clerk?.role === 'manager');
  const [state, setState] = useState<UpdateState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    const refresh = (): void => {
      call('updates.state', {})
        .then((s) => live && setState(s))
        .catch((e: unknown) => live && setError(errorText(e)));
    };
    refresh();
    const offUpdates = on('updates.state', (s) => live && setState(s));
    // Whether install is allowed depends on the session and the outbox: read it again when those change.
    const offStatus = on('app.status', refresh);
    return () => {
      live = false;
      offUpdates();
      offStatus();
    };
  }, []);

  const install = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setState(await call('updates.install', {}));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const phase = state?.phase;
  return (
    <div className="card" data-testid="updates">
      <h2>Updates</h2>
      {state && phase ? (
        <>
          <p data-testid="updates-phase" className={phase.kind === 'refused' ? 'error' : undefined}>
            {phaseText(phase, state.currentVersion)}
          </p>
          {phase.kind === 'ready' ? (
            isManager ? (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy || !state.install.ok}
                  onClick={() => void install()}
                  data-testid="updates-install"
                >
                  {busy ? 'Installing…' : `Install ${phase.version} and restart`}
                </button>
                {state.install.ok ? null : (
                  <p className="muted" data-testid="updates-install-blocked">
                    {state.install.message}
                  </p>
                )}
              </>
            ) : (
              <p className="muted">A manager can install it at the end of the shift.</p>
            )
          ) : null}
        </>
      ) : error ? null : (
        <p aria-busy="true">Loading…</p>
      )}
      {error ? (
        <p className="error" role="alert" data-testid="updates-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
