import { readFileSync, rmSync } from 'node:fs';
import { expect, startCentralApi, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { freePort } from './free-port';
import { createTenant, serverBalance } from './operator-api';
import { toastSaying } from './page-checks';

/** The status bar's credits figure as minor units ("USD 1,234.56" -> 123456). */
function minorFromText(text: string): number {
  const m = /(-?)USD ([\d,]+)\.(\d{2})/.exec(text);
  if (!m) throw new Error(`no USD amount in "${text}"`);
  return (m[1] ? -1 : 1) * Number(m[2]!.replace(/,/g, '') + m[3]);
}

test('sell online, sell offline until a floor limit refuses, then sync and agree with the server', async ({
  launch,
  appHost,
}) => {
  test.setTimeout(150_000);
  const port = await freePort();
  let api = await startCentralApi({ port });
  const dataDir = api.dataDir;
  try {
    // Offline: at most USD 20.00 per sale and USD 25.00 stored in total.
    const tenant = await createTenant(api.url, {
      credits: 50_000,
      floorLimits: { perSaleMax: 2_000, totalOfflineMax: 2_500, maxHoursSinceSync: 24 },
    });
    const { page } = await launch(api.url);
    await enrollAndSignIn(page, api.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    await expect(page.getByTestId('package-TOPUP10')).toBeVisible();
    await expect(page.getByTestId('status-balance')).toContainText('USD 500.00');

    // Online sale, keyboard only. Letters typed in the account field go to the package filter; Enter takes the
    // first match and returns to the account; F-keys pick packages too (each package keeps its key, filtered or not).
    await page.getByTestId('sale-account').focus();
    await page.keyboard.type('top-up 1');
    await expect(page.getByTestId('package-filter')).toHaveValue('top-up 1');
    const topUp10Key = (await page.getByTestId('package-TOPUP10').locator('.fkey').textContent())!;
    expect(topUp10Key).toMatch(/^F\d+$/);
    await page.keyboard.press(topUp10Key);
    await expect(page.getByTestId('sale-package')).toHaveText('Top-up 10');
    await page.getByTestId('package-filter').fill('top-up 10');
    await page.getByTestId('package-filter').press('Enter');
    await expect(page.getByTestId('sale-account')).toBeFocused();
    await page.keyboard.type('+447700900123');
    await expect(page.getByTestId('sale-account')).toHaveValue('+447700900123');
    await page.getByTestId('sale-tendered').fill('20');
    await expect(page.getByTestId('sale-total')).toHaveText('USD 10.00');
    await expect(page.getByTestId('sale-change')).toHaveText('USD 10.00');
    await page.getByTestId('sale-tendered').press('Enter');
    await confirmNumber(page, '+44 770 090 0123');
    await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
    const firstSale = (await page.getByTestId('sale-result-number').textContent())!;
    expect(firstSale).toMatch(/^[A-Z0-9]{2,8}-\d{6,}$/);
    await expect(page.getByTestId('totals-today-count')).toHaveText('1');
    await page.screenshot({ path: `test-results/screens/${appHost}-sell-online.png` });

    // The receipt downloads as a PDF carrying the sale number.
    const downloadPromise = page.waitForEvent('download');
    await page.getByTestId('receipt-save').click();
    const download = await downloadPromise;
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toContain(firstSale);

    // The central API goes away: the status bar says so and shows the offline allowance.
    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    await expect(page.getByTestId('status-offline-allowance')).toBeVisible();

    // Two offline sales of USD 10.00 are queued (USD 20.00 of the 25.00 allowed) ...
    // (scanner flow: the tile keeps focus after the click; the scanned digits and Enter still reach the account)
    for (const account of ['+447700900124', '+447700900125']) {
      await page.getByTestId('package-TOPUP10').click();
      await page.keyboard.type(account);
      await expect(page.getByTestId('sale-account')).toHaveValue(account);
      await page.keyboard.press('Enter');
      await confirmNumber(page);
      await expect(page.getByTestId('sale-result-status')).toHaveText('Queued — offline, will sync');
    }
    await expect(page.getByTestId('status-pending')).toContainText('2');
    await expect(page.getByTestId('nav-sync-pending')).toHaveText('2');
    // The Sync screen lists both, waiting, as offline sales.
    await page.keyboard.press('Alt+7');
    await expect(page.getByTestId('sync-table').locator('tbody tr')).toHaveCount(2);
    await expect(page.getByTestId('sync-table')).toContainText('offline');
    await page.screenshot({ path: `test-results/screens/${appHost}-sync-pending.png` });
    await page.keyboard.press('Alt+1');
    // ... a third would take the stored total to USD 30.00: refused with the reason before Confirm, nothing queued.
    await page.getByTestId('package-TOPUP10').click();
    await page.getByTestId('sale-account').fill('+447700900126');
    await expect(page.getByTestId('sale-limit-error')).toContainText(/offline/i);
    await page.getByTestId('sale-confirm').click();
    await expect(page.getByTestId('sale-result')).toHaveCount(0);
    await expect(page.getByTestId('status-pending')).toContainText('2');
    // A single sale above the per-sale limit is refused too.
    await page.getByTestId('package-TOPUP50').click();
    await page.getByTestId('sale-account').fill('+447700900127');
    await expect(page.getByTestId('sale-limit-error')).toHaveText(
      'Offline, one sale can be at most USD 20.00.',
    );
    await page.getByTestId('sale-confirm').click();
    await expect(page.getByTestId('status-pending')).toContainText('2');
    await page.screenshot({ path: `test-results/screens/${appHost}-sell-offline-refused.png` });

    // The central API comes back: the queue drains and the balances agree to the cent.
    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });
    await expect(page.getByTestId('status-pending')).toContainText('0', { timeout: 20_000 });
    const server = await serverBalance(api.url, tenant.resellerId);
    expect(server).toBe(50_000 - 3 * 950);
    await expect(page.getByTestId('status-balance')).toHaveText(/USD/);
    await expect
      .poll(async () => minorFromText((await page.getByTestId('status-balance').textContent())!))
      .toBe(server);

    // Sales history: three sales, all synced now; filter by customer; details and reprint.
    await page.keyboard.press('Alt+4');
    await expect(page.getByTestId('sales-table').locator('tbody tr')).toHaveCount(3);
    await expect(page.getByTestId('sales-table')).not.toContainText('Queued');
    await page.getByTestId('sales-customer').fill('900125');
    await expect(page.getByTestId('sales-table').locator('tbody tr')).toHaveCount(1);
    await page.getByTestId('sales-customer').fill('');
    await page.getByTestId(`sale-row-${firstSale}`).click();
    await expect(page.getByTestId('sale-details')).toContainText(firstSale);
    await expect(page.getByTestId('sale-details')).toContainText('Synced');
    // Reprint from the details: its receipt was saved once already (above), so this one is a COPY.
    const details = page.getByTestId('sale-details');
    const reprintPromise = page.waitForEvent('download');
    await details.getByTestId('receipt-save').click();
    const reprint = await reprintPromise;
    expect(
      readFileSync((await reprint.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(reprint.suggestedFilename()).toContain(firstSale);
    await expect(toastSaying(page, '(COPY)')).toBeVisible();
    await page.screenshot({ path: `test-results/screens/${appHost}-sales.png` });
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
