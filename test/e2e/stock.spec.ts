import { rmSync } from 'node:fs';
import { expect, startCentralApi, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { freePort } from './free-port';
import { createTenant, serverBalance } from './operator-api';

test('buy stock, see it on the Sell screen, sell from stock offline, and see it synced as activated', async ({
  launch,
  appHost,
}) => {
  test.skip(appHost !== 'browser', 'browser mode drives this flow');
  test.setTimeout(150_000);
  const port = await freePort();
  let api = await startCentralApi({ port });
  const dataDir = api.dataDir;
  try {
    // Floor limits of zero: offline, only stock can be sold.
    const tenant = await createTenant(api.url, {
      credits: 50_000,
      floorLimits: { perSaleMax: 0, totalOfflineMax: 0, maxHoursSinceSync: 24 },
    });
    const { page } = await launch(api.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    await enrollAndSignIn(page, api.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    await expect(page.getByTestId('package-TOPUP10')).toBeVisible();
    const before = await serverBalance(api.url, tenant.resellerId);

    // A manager buys 3 x Top-up 10 ahead from the Stock view (Sales screen).
    await page.keyboard.press('Alt+4');
    await page.getByTestId('sales-stock-toggle').click();
    await expect(page.getByTestId('stock-view')).toBeVisible();
    await page.getByTestId('stock-buy-package').selectOption({ label: 'Top-up 10' });
    await page.getByTestId('stock-buy-quantity').fill('3');
    await page.getByTestId('stock-buy').click();
    await expect(page.getByTestId('stock-notice')).toContainText('Bought 3 × Top-up 10');
    await expect(page.getByTestId('stock-left-TOPUP10')).toHaveText('3 (low)');
    const afterPurchase = await serverBalance(api.url, tenant.resellerId);
    expect(afterPurchase).toBeLessThan(before);
    await page.screenshot({ path: `test-results/screens/${appHost}-stock-view-1024.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `test-results/screens/${appHost}-stock-view-1366.png` });
    await page.setViewportSize({ width: 1024, height: 768 });

    // The Sell screen shows the level on the package and offers the stock (ticked when the package has stock).
    await page.keyboard.press('Alt+1');
    await expect(page.getByTestId('stock-badge-TOPUP10')).toHaveText('Stock: 3 (low)');
    await page.getByTestId('package-TOPUP10').click();
    await expect(page.getByTestId('sale-from-stock')).toBeChecked();
    await expect(page.getByTestId('stock-low-warning')).toContainText('Low stock: 3 left');
    await page.screenshot({ path: `test-results/screens/${appHost}-sell-stock-1024.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `test-results/screens/${appHost}-sell-stock-1366.png` });
    await page.setViewportSize({ width: 1024, height: 768 });

    // The central API goes away.
    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });

    // Sell 2 from stock, keyboard only: the checkbox is reached with Tab and stays ticked.
    await page.getByTestId('sale-account').fill('+447700900301');
    await page.getByTestId('sale-from-stock').focus();
    await expect(page.getByTestId('sale-from-stock')).toBeChecked();
    await page.getByTestId('sale-quantity').fill('2');
    await page.getByTestId('sale-quantity').press('Enter');
    await confirmNumber(page);
    await expect(page.getByTestId('sale-result-status')).toHaveText('Queued — offline, will sync');
    const stockSale = (await page.getByTestId('sale-result-number').textContent())!;
    await expect(page.getByTestId('stock-badge-TOPUP10')).toHaveText('Stock: 1 (low)');
    await expect(page.getByTestId('status-pending')).toContainText('1');

    // Two more than is left are refused before Confirm: nothing is queued.
    await page.getByTestId('package-TOPUP10').click();
    await page.getByTestId('sale-account').fill('+447700900302');
    await page.getByTestId('sale-quantity').fill('2');
    await expect(page.getByTestId('stock-short')).toContainText('Only 1 left in stock');
    await page.getByTestId('sale-confirm').click();
    await expect(page.getByTestId('sale-error')).toContainText('Only 1 left in stock');
    await expect(page.getByTestId('status-pending')).toContainText('1');
    await page.screenshot({ path: `test-results/screens/${appHost}-sell-stock-offline-1024.png` });

    // The sale waits in Sales as queued.
    await page.keyboard.press('Alt+4');
    await expect(page.getByTestId(`sale-row-${stockSale}`)).toContainText('Queued');

    // The central API comes back: the sale syncs as activated, no credits moved.
    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });
    await expect(page.getByTestId('status-pending')).toContainText('0', { timeout: 20_000 });
    await expect(page.getByTestId(`sale-row-${stockSale}`)).toContainText('Synced', { timeout: 20_000 });
    await expect(page.getByTestId(`sale-row-${stockSale}`)).toContainText('Activated');
    await expect(page.getByTestId('refund-counter')).toContainText('Refunds this month: 0 of 10 used');
    // Sold from stock: the filter finds it and only it.
    await page.getByTestId('sales-source').selectOption('stock');
    await expect(page.getByTestId('sales-table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('sales-table')).toContainText(stockSale);
    expect(await serverBalance(api.url, tenant.resellerId)).toBe(afterPurchase);
    await page.getByTestId(`sale-row-${stockSale}`).click();
    await expect(page.getByTestId('refund-ticket')).toContainText('support');
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
