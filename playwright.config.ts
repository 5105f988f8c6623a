import { defineConfig, type Project } from '@playwright/test';
import { electronBinaryPath } from './test/e2e/electron-available';
import type { AppHost } from './test/e2e/fixtures';

/**
 * E2E: the same specs drive browser mode in Debian's Chromium (always) and the Electron app (only where its binary
 * is present; it cannot be downloaded on every machine). The app is built once in global setup.
 */
const projects: Project<{ appHost: AppHost }>[] = [{ name: 'browser', use: { appHost: 'browser' } }];
if (electronBinaryPath()) projects.push({ name: 'electron', use: { appHost: 'electron' } });

export default defineConfig<{ appHost: AppHost }>({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects,
});
