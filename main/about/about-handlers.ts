import type { AboutInfo } from '../../core/contract/types/about';
import type { HandlerSlice } from '../contract/handlers';
import type { LocalDatabase } from '../db/open-database';

/** What the host knows about its runtime (Electron versions are null in browser mode). */
export interface RuntimeInfo {
  readonly host: 'electron' | 'browser';
  readonly appName: string;
  readonly appVersion: string;
  readonly electronVersion: string | null;
  readonly chromeVersion: string | null;
}

/** Handlers for the About screen and the contract's round-trip check. */
export function createAboutHandlers(
  runtime: RuntimeInfo,
  local: LocalDatabase,
  dataDir: string,
): HandlerSlice<'app.about' | 'app.ping'> {
  return {
    'app.about': (): AboutInfo => ({
      appName: runtime.appName,
      appVersion: runtime.appVersion,
      host: runtime.host,
      electronVersion: runtime.electronVersion,
      chromeVersion: runtime.chromeVersion,
      nodeVersion: process.versions.node,
      sqliteVersion: local.sqliteVersion,
      schemaVersion: local.db.pragma('user_version', { simple: true }) as number,
      latestSchemaVersion: local.migration.to,
      dataDir,
      platform: `${process.platform}-${process.arch}`,
    }),
    'app.ping': ({ text }) => ({ text, at: new Date().toISOString() }),
  };
}
