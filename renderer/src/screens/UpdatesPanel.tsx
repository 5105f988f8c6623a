import { useEffect, useState } from 'react';
import type { UpdatePhase, UpdateState } from '../../../core/contract/types/updates';
import { call, on } from '../contract/contract-client';
import type { Localization } from '../../../core/i18n/catalog';
import { errorText } from '../errors/error-text';
import { useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';

/** One line saying where the update stands. */
function phaseText(phase: UpdatePhase, current: string, { m, fmt }: Localization): string {
  const t = m.settings.updates;
  switch (phase.kind) {
    case 'unmanaged':
      return phase.host === 'browser' ? t.browserMode : t.devBuild;
    case 'idle':
      return phase.lastCheckedAt
        ? t.upToDate({ version: current, checkedAt: fmt.dateTime(phase.lastCheckedAt) })
        : t.neverChecked({ version: current });
    case 'checking':
      return t.checking;
    case 'downloading':
      return t.downloading({ version: phase.version, percent: fmt.count(phase.percent) });
    case 'verifying':
      return t.verifying({ version: phase.version });
    case 'ready':
      return t.ready({ version: phase.version });
    case 'refused':
      return t.refused({ version: phase.version, message: phase.message });
    case 'failed':
      return t.failed({ message: phase.message });
    case 'installing':
      return t.installing({ version: phase.version });
  }
}

/** Settings: the app's own update; a manager installs a verified one when the counter is quiet. */
export function UpdatesPanel() {
  const l10n = useL10n();
  const t = l10n.m.settings.updates;
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
      <h2>{t.title}</h2>
      {state && phase ? (
        <>
          <p data-testid="updates-phase" className={phase.kind === 'refused' ? 'error' : undefined}>
            {phaseText(phase, state.currentVersion, l10n)}
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
                  {busy ? t.installBusy : t.install({ version: phase.version })}
                </button>
                {state.install.ok ? null : (
                  <p className="muted" data-testid="updates-install-blocked">
                    {state.install.message}
                  </p>
                )}
              </>
            ) : (
              <p className="muted">{t.managerInstalls}</p>
            )
          ) : null}
        </>
      ) : error ? null : (
        <p aria-busy="true">{l10n.m.common.loading}</p>
      )}
      {error ? (
        <p className="error" role="alert" data-testid="updates-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
