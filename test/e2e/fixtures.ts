import { test as base, _electron, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalCentralApi, type LocalCentralApi } from '../../scripts/local-central-api';
import { electronBinaryPath } from './electron-available';

const root = resolve(import.meta.dirname, '../..');

/** Which host a project drives. */
export type AppHost = 'browser' | 'electron';

/** A running app under test: its window, its data folder and the central API it talks to. */
export interface AppUnderTest {
  readonly page: Page;
  readonly dataDir: string;
  readonly apiUrl: string;
}

interface Fixtures {
  appHost: AppHost;
  app: AppUnderTest;
}
interface WorkerFixtures {
  centralApi: LocalCentralApi;
}

/** Starts browser mode as a child process and resolves with the URL it prints (token included). */
function startBrowserMode(dataDir: string, apiUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/launch.ts'), 'web', '--no-build'], {
    cwd: root,
    env: { ...process.env, REFILL_DATA_DIR: dataDir, REFILL_API_URL: apiUrl, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

/** Stops a child process and waits for it. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    if (child.exitCode !== null || child.signalCode !== null) return r();
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

/**
 * `app`: a fresh data folder per test, the app started on it (browser mode in Chromium, or Electron), pointed at a
 * central API with demo data that lives for the worker.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  appHost: ['browser', { option: true }],
  centralApi: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'refill-e2e-api-'));
      const api = await startLocalCentralApi(root, dir, { quiet: true });
      await use(api);
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  app: async ({ appHost, centralApi, page }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'refill-e2e-'));
    if (appHost === 'electron') {
      const electronApp = await _electron.launch({
        executablePath: electronBinaryPath()!,
        args: [root],
        env: { ...process.env, REFILL_DATA_DIR: dataDir, REFILL_API_URL: centralApi.url } as Record<string, string>,
      });
      const win = await electronApp.firstWindow();
      await use({ page: win, dataDir, apiUrl: centralApi.url });
      await electronApp.close();
    } else {
      const { url, child } = await startBrowserMode(dataDir, centralApi.url);
      await page.goto(url);
      await use({ page, dataDir, apiUrl: centralApi.url });
      await stop(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
