import { test as base, _electron, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureElectronSqliteBinding } from '../../scripts/electron-sqlite-binding';
import { startLocalCentralApi, type LocalCentralApi } from '../../scripts/local-central-api';
import { electronBinaryPath } from './electron-available';
import { collectRendererCoverage, startRendererCoverage } from './renderer-coverage';

const root = resolve(import.meta.dirname, '../..');

/** The operator key of every central API the E2E tests start. */
export const E2E_OPERATOR_KEY = 'e2e-operator-key-0123456789abcdefghijklmnopqrstuvwxyz';

/** Which host a project drives. */
export type AppHost = 'browser' | 'electron';

/** A running app under test: its window and how to stop it. */
export interface RunningApp {
  readonly page: Page;
  readonly dataDir: string;
  readonly apiUrl: string;
  close(): Promise<void>;
}

interface Fixtures {
  appHost: AppHost;
  /** A fresh, not yet enrolled terminal (fresh data folder) talking to the worker's central API. */
  app: RunningApp;
  /** Starts another app instance on a given central API (tests that stop and start their own API). */
  launch: (apiUrl: string) => Promise<RunningApp>;
}
interface WorkerFixtures {
  centralApi: LocalCentralApi;
}

/** Sync quickly in tests so offline/online shows within seconds. */
const FAST_SYNC_ENV = { REFILL_SYNC_INTERVAL_MS: '1000', REFILL_SYNC_MAX_BACKOFF_MS: '1500' };

/** Starts a central API (embedded database in a fresh folder unless given) for a test. */
export async function startCentralApi(
  options: { port?: number; dataDir?: string } = {},
): Promise<LocalCentralApi & { dataDir: string }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'refill-e2e-api-'));
  const api = await startLocalCentralApi(root, dataDir, {
    quiet: true,
    env: { REFILL_OPERATOR_KEY: E2E_OPERATOR_KEY },
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return { ...api, dataDir };
}

/** Browser mode as a child process; resolves with the URL it prints (token included). */
function startBrowserMode(dataDir: string, apiUrl: string): Promise<{ url: string; child: ChildProcess }> {
  // Node with tsx's loader rather than the tsx command, so the stop signal reaches browser mode itself (see
  // scripts/local-central-api.ts).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/launch.ts'), 'web', '--no-build'],
    {
      cwd: root,
      env: { ...process.env, ...FAST_SYNC_ENV, REFILL_DATA_DIR: dataDir, REFILL_API_URL: apiUrl, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/m.exec(out);
      if (m) resolvePromise({ url: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited early (${code}): ${out}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

/**
 * The same specs drive both hosts: browser mode in Chromium (a page of the test's browser) or the Electron app
 * (its first window). Each launch gets a fresh data folder, removed afterwards.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  appHost: ['browser', { option: true }],
  centralApi: [
    // Playwright requires the destructuring form for fixture arguments, even when none are used.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const api = await startCentralApi();
      await use(api);
      await api.stop();
      rmSync(api.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  launch: async ({ appHost, browser }, use) => {
    const running: RunningApp[] = [];
    await use(async (apiUrl) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'refill-e2e-'));
      let app: RunningApp;
      if (appHost === 'electron') {
        // Electron needs better-sqlite3 built for its own ABI, as `npm start` provides it.
        const { version } = JSON.parse(
          readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
        ) as {
          version: string;
        };
        const sqlite = ensureElectronSqliteBinding(root, version);
        if (!sqlite.ok) throw new Error(`cannot run the Electron E2E: ${sqlite.reason}`);
        const electronApp = await _electron.launch({
          executablePath: electronBinaryPath()!,
          args: [root],
          env: {
            ...process.env,
            ...FAST_SYNC_ENV,
            REFILL_DATA_DIR: dataDir,
            REFILL_API_URL: apiUrl,
            REFILL_SQLITE_BINDING: sqlite.path,
          } as Record<string, string>,
        });
        const page = await electronApp.firstWindow();
        app = { page, dataDir, apiUrl, close: () => electronApp.close() };
      } else {
        const { url, child } = await startBrowserMode(dataDir, apiUrl);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await startRendererCoverage(page);
        await page.goto(url);
        app = {
          page,
          dataDir,
          apiUrl,
          close: async () => {
            await collectRendererCoverage(page);
            await context.close();
            await stopChild(child);
          },
        };
      }
      running.push(app);
      return app;
    });
    for (const app of running) {
      await app.close();
      rmSync(app.dataDir, { recursive: true, force: true });
    }
  },
  app: async ({ launch, centralApi }, use) => {
    await use(await launch(centralApi.url));
  },
});

export { expect } from '@playwright/test';
