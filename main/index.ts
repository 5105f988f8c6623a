/**
 * The Electron shell: single instance, one hardened window, the UI from the app:// protocol, IPC for the contract.
 * Everything else lives in services that also run under plain Node (browser mode).
 */
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENT_CHANNEL, RPC_CHANNEL } from '../core/contract/ipc-channels';
import { createAppServices, type AppServices } from './app/app-services';
import { syncOptionsFromEnv } from './app/sync-options-from-env';
import { envOverrides } from './electron/env-overrides';
import { isTrustedSender } from './electron/trusted-sender';
import './electron/install-app-menu.electron';
import { createElectronUpdater } from './electron/auto-updates';
import { CONTENT_SECURITY_POLICY } from './security/content-security-policy';
import { mimeTypeOf, resolveRendererFile } from './renderer-files/renderer-file';
import { createSafeStorageSecretBox } from './terminal/safe-storage-secret-box.electron';
import { windowOpenDecision } from './wallet/hosted-page-window';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://refill-desk`;
const here = import.meta.dirname;
const rendererDir = join(here, '../renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

// Packaged builds ignore every REFILL_* variable (see env-overrides.ts); development runs and tests keep them.
const overrides = envOverrides({ isPackaged: app.isPackaged, env: process.env });
if (overrides.REFILL_DATA_DIR) app.setPath('userData', overrides.REFILL_DATA_DIR);

let mainWindow: BrowserWindow | null = null;
let services: AppServices | null = null;

function serveRenderer(): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'refill-desk' ? resolveRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    return new Response(res.body, {
      status: 200,
      headers: { 'content-type': mimeTypeOf(file), 'content-security-policy': CONTENT_SECURITY_POLICY },
    });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Refill Desk',
    backgroundColor: '#0f172a',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Chromium's PDF viewer, for the voucher sheet preview (a blob: PDF in an iframe; CSP frame-src allows blob:).
      plugins: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Nothing navigates away from our UI. Only the central API's origin (the payment provider's hosted card page)
  // opens in a child window, itself unable to leave that origin or open more; other http(s) links go to the system
  // browser.
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault();
  });
  const apiUrl = (): string | null => services?.terminal.identity.get()?.apiUrl ?? null;
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, apiUrl());
    if (decision === 'child')
      return {
        action: 'allow',
        overrideBrowserWindowOptions: {
          parent: win,
          width: 520,
          height: 720,
          autoHideMenuBar: true,
          webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
        },
      };
    if (decision === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('did-create-window', (child) => {
    child.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    child.webContents.on('will-navigate', (e, url) => {
      if (windowOpenDecision(url, apiUrl()) !== 'child') e.preventDefault();
    });
  });
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

/** Tells the sync engine when the machine's network comes back, so it retries at once instead of after backoff. */
function watchNetwork(target: AppServices): void {
  let wasOnline = net.isOnline();
  setInterval(() => {
    const online = net.isOnline();
    if (online && !wasOnline) target.notifyNetworkUp();
    wasOnline = online;
  }, 3_000).unref();
}

async function start(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  serveRenderer();
  const syncOptions = syncOptionsFromEnv(overrides);
  services = await createAppServices({
    dataDir: app.getPath('userData'),
    defaultApiUrl: overrides.REFILL_API_URL,
    sqliteNativeBinding: overrides.REFILL_SQLITE_BINDING,
    secretBox: createSafeStorageSecretBox(safeStorage, app.getPath('userData')),
    ...(syncOptions ? { sync: syncOptions } : {}),
    updater: createElectronUpdater(app.isPackaged) ?? undefined,
    runtime: {
      host: 'electron',
      appName: 'Refill Desk',
      appVersion: app.getVersion(),
      electronVersion: process.versions.electron ?? null,
      chromeVersion: process.versions.chrome ?? null,
    },
  });
  const dispatch = services.dispatch;
  ipcMain.handle(RPC_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!mainWindow || !isTrustedSender(event, mainWindow, ORIGIN)) {
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } };
    }
    return dispatch(name, input, { host: 'electron' });
  });
  services.events.subscribe((message) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, message);
  });
  mainWindow = createWindow();
  watchNetwork(services);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void services?.close();
  });
  start().catch((err: unknown) => {
    console.error('Refill Desk failed to start', err);
    app.exit(1);
  });
}
