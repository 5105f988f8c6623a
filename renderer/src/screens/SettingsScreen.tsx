import { useEffect, useState } from 'react';
import type { AboutInfo } from '../../../core/contract/types/about';
import { call } from '../contract/contract-client';
import { useL10n } from '../i18n/locale-store';
import { ApiAddressPanel } from './ApiAddressPanel';
import { ClerksPanel } from './clerks/ClerksPanel';
import { ReservePanel } from './cards/ReservePanel';
import { SheetSettingsPanel } from './cards/SheetSettingsPanel';
import { TerminalSettingsPanel } from './TerminalSettingsPanel';
import { UpdatesPanel } from './UpdatesPanel';

/** Settings and About: the versions of everything, fetched through the contract. */
export function SettingsScreen() {
  const { m } = useL10n();
  const t = m.settings.about;
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
      <h1 id="screen-title">{m.settings.title}</h1>
      <TerminalSettingsPanel />
      <ApiAddressPanel />
      <ClerksPanel />
      <ReservePanel />
      <SheetSettingsPanel />
      <UpdatesPanel />
      <div className="card">
        <h2>{t.title}</h2>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {about ? (
          <dl className="facts" data-testid="about">
            <dt>{t.app}</dt>
            <dd data-testid="about-app-version">
              {about.appName} {about.appVersion}
            </dd>
            <dt>{t.host}</dt>
            <dd data-testid="about-host">{about.host === 'electron' ? t.hostElectron : t.hostBrowser}</dd>
            <dt>{t.electron}</dt>
            <dd data-testid="about-electron">{about.electronVersion ?? t.notElectron}</dd>
            <dt>{t.chromium}</dt>
            <dd>
              {about.chromeVersion ?? navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1] ?? t.unknown}
            </dd>
            <dt>{t.node}</dt>
            <dd data-testid="about-node">{about.nodeVersion}</dd>
            <dt>{t.sqlite}</dt>
            <dd data-testid="about-sqlite">{about.sqliteVersion}</dd>
            <dt>{t.schema}</dt>
            <dd data-testid="about-schema">
              {t.schemaVersion({
                version: String(about.schemaVersion),
                latest: String(about.latestSchemaVersion),
              })}
            </dd>
            <dt>{t.platform}</dt>
            <dd>{about.platform}</dd>
            <dt>{t.dataFolder}</dt>
            <dd className="mono">{about.dataDir}</dd>
          </dl>
        ) : error ? null : (
          <p aria-busy="true">{m.common.loading}</p>
        )}
      </div>
    </section>
  );
}
