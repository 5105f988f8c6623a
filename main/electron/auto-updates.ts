/**
 * electron-updater behind the UpdaterDriver interface (Electron only; the decisions live in main/updates/, tested under
 * Node). It checks and downloads in the background and never installs on its own: no install on quit, no
 * checkForUpdatesAndNotify. A manager installs a verified update from Settings (`updates.install`).
 *
 * Windows: the NSIS updater checks the installer's Authenticode signature against `publisherName` (written into
 * app-update.yml from electron-builder.yml). Linux: the AppImage/deb is checked against the pinned Ed25519 key
 * (update-signature.ts) before it counts as ready.
 */
import electronUpdater, { type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';
import { basename } from 'node:path';
import type { UpdaterDriver, UpdaterEvent } from '../updates/update-service';
import { UPDATE_FEED_URL } from '../updates/update-public-key';

/** How often a running till looks for a new version. */
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/** The published artifact a download came from, and where its detached signature is. */
function publishedArtifact(info: UpdateDownloadedEvent): { fileName: string; signatureUrl: string } {
  const local = basename(info.downloadedFile);
  const file =
    info.files.find(
      (f) => decodeURIComponent(basename(new URL(f.url, UPDATE_FEED_URL).pathname)) === local,
    ) ?? info.files[0];
  const url = new URL(file?.url ?? encodeURIComponent(local), UPDATE_FEED_URL);
  return {
    fileName: decodeURIComponent(basename(url.pathname)),
    signatureUrl: `${url.origin}${url.pathname}.sig`,
  };
}

/** The packaged app's updater; null in development (nothing to update). */
export function createElectronUpdater(isPackaged: boolean): UpdaterDriver | null {
  if (!isPackaged) return null;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  let version = '';
  return {
    requiresSignature: process.platform === 'linux',
    start(report: (event: UpdaterEvent) => void): void {
      autoUpdater.on('checking-for-update', () => report({ type: 'checking' }));
      autoUpdater.on('update-not-available', () => report({ type: 'not-available' }));
      autoUpdater.on('update-available', (info: UpdateInfo) => {
        version = info.version;
        report({ type: 'progress', version, percent: 0 });
        autoUpdater.downloadUpdate().catch((err: unknown) => report({ type: 'error', message: String(err) }));
      });
      autoUpdater.on('download-progress', (p) => report({ type: 'progress', version, percent: p.percent }));
      autoUpdater.on('update-downloaded', (info: UpdateDownloadedEvent) =>
        report({
          type: 'downloaded',
          version: info.version,
          filePath: info.downloadedFile,
          ...publishedArtifact(info),
        }),
      );
      autoUpdater.on('error', (err: Error) => report({ type: 'error', message: err.message }));
      const check = (): void => {
        autoUpdater
          .checkForUpdates()
          .catch((err: unknown) => report({ type: 'error', message: String(err) }));
      };
      check();
      setInterval(check, CHECK_EVERY_MS).unref();
    },
    install(): void {
      // Not silent: the installer shows itself; the app restarts afterwards.
      autoUpdater.quitAndInstall(false, true);
    },
  };
}
