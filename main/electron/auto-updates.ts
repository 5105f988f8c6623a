import electronUpdater from 'electron-updater';

/** Checks for updates in a packaged app (electron-updater); does nothing in development. */
export function startAutoUpdates(isPackaged: boolean): void {
  if (!isPackaged) return;
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  autoUpdater.checkForUpdatesAndNotify().catch((err: unknown) => console.error('update check failed', err));
}
