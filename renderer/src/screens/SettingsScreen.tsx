import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../core/contract/types/about';
import { call } from '../contract/contract-client';
import { ApiAddressPanel } from './ApiAddressPanel';
import { ClerksPanel } from './clerks/ClerksPanel';
import { ReservePanel } from './cards/ReservePanel';
import { SheetSettingsPanel } from './cards/SheetSettingsPanel';
import { TerminalSettingsPanel } from './TerminalSettingsPanel';
import { UpdatesPanel } from './UpdatesPanel';

/** Settings and About: the versions of everything, fetched through the contract. */
export function SettingsScreen() {
  const [about, setAbout] = useState<AboutInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('app.about', {})
      .then((a) => live && setAbout(a))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">Settings</h1>
      <TerminalSettingsPanel />
      <ApiAddressPanel />
      <ClerksPanel />
      <ReservePanel />
      <SheetSettingsPanel />
      <UpdatesPanel />
      <div className="card">
        <h2>About Refill Desk</h2>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {about ? (
          <dl className="facts" data-testid="about">
            <dt>App</dt>
            <dd data-testid="about-app-version">
              {about.appName} {about.appVersion}
            </dd>
            <dt>Host</dt>
            <dd data-testid="about-host">
              {about.host === 'electron' ? 'Desktop (Electron)' : 'Browser mode'}
            </dd>
            <dt>Electron</dt>
            <dd data-testid="about-electron">{about.electronVersion ?? 'not running in Electron'}</dd>
            <dt>Chromium</dt>
            <dd>
              {about.chromeVersion ?? navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1] ?? 'unknown'}
            </dd>
            <dt>Node.js</dt>
            <dd data-testid="about-node">{about.nodeVersion}</dd>
            <dt>SQLite</dt>
            <dd data-testid="about-sqlite">{about.sqliteVersion}</dd>
            <dt>Database schema</dt>
            <dd data-testid="about-schema">
              {about.schemaVersion} (this build knows {about.latestSchemaVersion})
            </dd>
            <dt>Platform</dt>
            <dd>{about.platform}</dd>
            <dt>Data folder</dt>
            <dd className="mono">{about.dataDir}</dd>
          </dl>
        ) : error ? null : (
          <p aria-busy="true">Loading…</p>
        )}
      </div>
    </section>
  );
}
