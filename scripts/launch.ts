/**
 * `npm start` (desktop) and `npm run web` (browser mode). Starts a local central API on the embedded database when
 * REFILL_API_URL is not set, then the app. Ctrl+C stops both.
 *
 *   node --import tsx scripts/launch.ts electron [--no-build]
 *   node --import tsx scripts/launch.ts web [--host ADDRESS] [--no-build]     PORT, REFILL_DATA_DIR, REFILL_API_URL honoured
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { syncOptionsFromEnv } from '../main/app/sync-options-from-env';
import { startBrowserMode } from '../main/web/browser-mode';
import { findElectronBinary } from './electron-binary';
import { ensureElectronSqliteBinding } from './electron-sqlite-binding';
import { startLocalCentralApi, type LocalCentralApi } from './local-central-api';

const rootDir = resolve(import.meta.dirname, '..');
const [mode, ...rest] = process.argv.slice(2);
const dataRoot = resolve(process.env.REFILL_DATA_DIR ?? resolve(rootDir, '.data'));

function flag(name: string): string | undefined {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
}

/** Builds main, preload and renderer into out/ (electron-vite), unless told not to. */
function build(): void {
  if (rest.includes('--no-build')) return;
  const result = spawnSync(resolve(rootDir, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: rootDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('the build failed (see above)');
}

async function centralApi(): Promise<{ url: string; local: LocalCentralApi | null }> {
  if (process.env.REFILL_API_URL) return { url: process.env.REFILL_API_URL, local: null };
  const local = await startLocalCentralApi(rootDir, resolve(dataRoot, 'central-api'));
  return { url: local.url, local };
}

function onStop(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (): void => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

async function runWeb(): Promise<void> {
  const host = flag('--host') ?? '127.0.0.1';
  const port = Number(process.env.PORT ?? 8790);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  build();
  const api = await centralApi();
  const sync = syncOptionsFromEnv();
  const app = await startBrowserMode({
    dataDir: resolve(dataRoot, 'terminal'),
    apiUrl: api.url,
    host,
    port,
    rootDir,
    ...(sync ? { sync } : {}),
  }).catch(async (err: unknown) => {
    await api.local?.stop(); // do not leave the central API we started running on its own
    throw err;
  });
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.warn(
      `WARNING: browser mode is listening on ${host}, reachable from other machines (open it with this machine's address in place of ${host}). Anyone with the URL below can use this terminal.`,
    );
  }
  console.log(`Refill Desk (browser mode) data: ${resolve(dataRoot, 'terminal')}  central API: ${api.url}`);
  console.log('Open this URL in a browser:');
  console.log(app.host.openUrl);
  onStop(async () => {
    await app.close();
    await api.local?.stop();
  });
}

async function runElectron(): Promise<void> {
  const binary = findElectronBinary(rootDir);
  if (!binary.ok) {
    console.error(
      `Refill Desk: the Electron binary cannot be obtained on this machine (${binary.reason}); run "npm run web" to use browser mode instead.`,
    );
    process.exit(1);
  }
  const electronVersion = (
    JSON.parse(readFileSync(resolve(rootDir, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const sqlite = ensureElectronSqliteBinding(rootDir, electronVersion);
  if (!sqlite.ok) {
    console.error(
      `Refill Desk: ${sqlite.reason}; run "npx electron-builder install-app-deps" to build it for Electron, or "npm run web" for browser mode.`,
    );
    process.exit(1);
  }
  build();
  const api = await centralApi();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REFILL_API_URL: api.url,
    REFILL_SQLITE_BINDING: sqlite.path,
  };
  if (process.env.REFILL_DATA_DIR) env.REFILL_DATA_DIR = resolve(dataRoot, 'terminal');
  const child = spawn(binary.path, [rootDir], { stdio: 'inherit', env });
  onStop(async () => {
    child.kill('SIGTERM');
    await api.local?.stop();
  });
  child.on('exit', (code) => {
    void (api.local?.stop() ?? Promise.resolve()).finally(() => process.exit(code ?? 0));
  });
}

const run = mode === 'web' ? runWeb : mode === 'electron' ? runElectron : null;
if (!run) {
  console.error('usage: node --import tsx scripts/launch.ts web|electron');
  process.exit(2);
}
run().catch((err: unknown) => {
  console.error(`Refill Desk failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
