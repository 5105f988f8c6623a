import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startFaultProxy, type FaultProxy } from '../integration/terminal/support/fault-proxy';
import { expect, test } from './fixtures';
import { confirmNumber, enrollAndSignIn, signIn } from './flows';
import { createTenant, serverBalance } from './operator-api';

const root = resolve(import.meta.dirname, '../..');

/** Browser mode as one Node process (no tsx wrapper), so a SIGKILL kills the services themselves. */
interface Host {
  readonly url: string;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
}

function startHost(dataRoot: string, apiUrl: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/launch.ts'), 'web', '--no-build'],
    {
      cwd: root,
      env: {
        ...process.env,
        REFILL_SYNC_INTERVAL_MS: '1000',
        REFILL_SYNC_MAX_BACKOFF_MS: '1500',
        REFILL_DATA_DIR: dataRoot,
        REFILL_API_URL: apiUrl,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)$/m.exec(out);
      if (m) resolvePromise({ url: m[1]!, child, exited });
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited early (${code}): ${out}`)));
  });
}

async function openPage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

async function stopHost(host: Host | null): Promise<void> {
  if (!host || host.child.exitCode !== null || host.child.signalCode !== null) return;
  host.child.kill('SIGTERM');
  await host.exited;
}

test('a sale killed before its outcome was shown is listed after the restart, with its outcome and receipt', async ({
  browser,
  centralApi,
  appHost,
}) => {
  test.skip(appHost !== 'browser', 'kills and restarts the browser-mode host process');
  test.setTimeout(180_000);
  const dataRoot = mkdtempSync(join(tmpdir(), 'refill-e2e-outcomes-'));
  // The terminal reaches the central API through a proxy that tells the test when a sale's push arrives.
  const proxy: FaultProxy = await startFaultProxy(centralApi.url);
  let host: Host | null = null;
  let context: BrowserContext | null = null;
  try {
    const tenant = await createTenant(centralApi.url, { credits: 50_000 });
    host = await startHost(dataRoot, proxy.url);
    let page: Page;
    ({ context, page } = await openPage(browser, host.url));
    await enrollAndSignIn(page, proxy.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');

    // A sale the clerk sees: the Sell screen acknowledges its outcome once shown.
    await page.getByTestId('package-TOPUP10').click();
    await page.getByTestId('sale-account').fill('+447700900201');
    const acknowledged = page.waitForResponse((r) => r.url().endsWith('/rpc/sales.outcomeShown'));
    await page.getByTestId('sale-confirm').click();
    await confirmNumber(page);
    await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
    expect(((await (await acknowledged).json()) as { ok: boolean }).ok).toBe(true);
    await expect(page.getByTestId('outcomes-banner')).toHaveCount(0);

    // A sale whose push reaches the server: the app is killed the moment it arrives, before any answer, so the
    // clerk is never told. The proxy still forwards it: the server applies it.
    const killed = new Promise<void>((resolveKilled) => {
      proxy.onRequest = (path, body) => {
        if (path !== '/v1/terminal/sync/push' || !body.includes('"sale.create"')) return;
        proxy.onRequest = null;
        host!.child.kill('SIGKILL');
        resolveKilled();
      };
    });
    await page.getByTestId('package-TOPUP10').click();
    await page.getByTestId('sale-account').fill('+447700900202');
    await page.getByTestId('sale-confirm').click();
    await confirmNumber(page);
    await killed;
    await host.exited;
    await expect(page.getByTestId('sale-error')).toBeVisible();
    await expect(page.getByTestId('sale-result')).toHaveCount(0);
    await context.close();
    context = null;

    // Restart on the same data folder: the Sell screen says a sale needs a look.
    host = await startHost(dataRoot, proxy.url);
    ({ context, page } = await openPage(browser, host.url));
    await signIn(page, 'Maya Manager', '246802');
    await expect(page.getByTestId('outcomes-banner')).toBeVisible();
    await expect(page.getByTestId('outcomes-banner-count')).toHaveText('1');
    await page.screenshot({ path: `test-results/screens/${appHost}-sell-outcomes-banner.png` });

    // The Sales screen lists it as "Outcome not shown"; once the restarted app synced, it says it was sold.
    await page.getByTestId('outcomes-banner-open').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    const panel = page.getByTestId('outcomes-panel');
    await expect(panel).toContainText('Outcome not shown');
    await expect(panel.locator('tbody tr')).toHaveCount(1);
    await expect(panel).toContainText('+447700900202');
    await expect(panel).not.toContainText('+447700900201');
    await expect(panel.getByTestId('outcome-state')).toHaveText('Sold', { timeout: 20_000 });
    await expect(page.getByTestId('status-pending')).toContainText('0');
    // Sold once: two sales of USD 10.00 at 9.50 wholesale, the killed one applied by the server exactly once.
    expect(await serverBalance(centralApi.url, tenant.resellerId)).toBe(50_000 - 2 * 950);
    await page.screenshot({ path: `test-results/screens/${appHost}-sales-outcome-not-shown.png` });

    // Its receipt comes out from the list: the original, since none was ever printed.
    const downloadPromise = page.waitForEvent('download');
    await panel.getByTestId('receipt-save').click();
    const download = await downloadPromise;
    expect(
      readFileSync((await download.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const saleNumber = (await panel.getByTestId('outcome-sale-number').textContent())!;
    expect(download.suggestedFilename()).toBe(`receipt-${saleNumber}.pdf`);

    // Dealt with: it leaves the list, and the Sell screen no longer asks for a look.
    await panel.getByTestId('outcome-dealt-with').click();
    await expect(page.getByTestId('outcomes-panel')).toHaveCount(0);
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { level: 1, name: 'Sell' })).toBeVisible();
    await expect(page.getByTestId('daily-totals')).toBeVisible();
    await expect(page.getByTestId('outcomes-banner')).toHaveCount(0);
  } finally {
    proxy.onRequest = null;
    await context?.close();
    await stopHost(host);
    await proxy.close();
    rmSync(dataRoot, { recursive: true, force: true });
  }
});
