import { readFileSync } from 'node:fs';
import type { Package } from '../../core/sync/protocol';
import type { SaleCreateOutcome } from '../../core/contract/types/sales';
import { expect, test } from './fixtures';
import { callContract, enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';
import { axeProblems, SCREENS_DIR as SCREENS, sidewaysOverflow } from './page-checks';

test('the Reports screen: today’s figures match the sales made, each table downloads as CSV', async ({
  app,
  appHost,
}) => {
  const tenant = await createTenant(app.apiUrl, { credits: 100_000 });
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  const packages = await callContract<Package[]>(page, 'catalog.packages', {});
  const ten = packages.find((p) => p.code === 'TOPUP10')!;
  const fifty = packages.find((p) => p.code === 'TOPUP50')!;
  const sales: [Package, string, number][] = [
    [ten, '+15550009001', 1],
    [ten, '+15550009001', 2],
    [fifty, '+15550009002', 1],
  ];
  for (const [pkg, account, quantity] of sales) {
    const sold = await callContract<SaleCreateOutcome>(page, 'sales.create', {
      packageId: pkg.id,
      customerAccount: account,
      quantity,
    });
    expect(sold.outcome).toBe('confirmed');
  }
  const total = 3 * ten.retailPrice + fifty.retailPrice;
  const usd = (minor: number): string =>
    `USD ${Math.floor(minor / 100).toLocaleString('en-US')}.${String(minor % 100).padStart(2, '0')}`;

  await page.keyboard.press('Alt+6');
  await page.getByTestId('reports-tab-sales').click();
  await expect(page.getByTestId('report-sales-count')).toHaveText('3');
  await expect(page.getByTestId('report-sales-amount')).toHaveText(usd(total));
  await expect(page.getByTestId('report-offline-share')).toHaveText('0%');
  const packagesTable = page.getByTestId('report-packages');
  await expect(packagesTable.locator('tbody tr')).toHaveCount(2);
  await expect(packagesTable.locator('tbody tr').first()).toContainText(fifty.name);
  await expect(packagesTable).toContainText(usd(3 * ten.retailPrice));
  await expect(page.getByTestId('report-clerks')).toContainText('Maya Manager');
  await expect(page.getByTestId('report-customers').locator('tbody tr').first()).toContainText(
    '+15550009002',
  );
  await expect(page.getByTestId('report-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();

  // CSV of the packages: a header and one row per package, amounts in major units.
  const pending = page.waitForEvent('download');
  await page.getByTestId('report-packages-csv').click();
  const csv = readFileSync((await (await pending).path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toBe('Package,Sales,Quantity,Amount');
  expect(lines).toContain(`${ten.name},2,3,${((3 * ten.retailPrice) / 100).toFixed(2)}`);
  expect(lines).toContain(`${fifty.name},1,1,${(fifty.retailPrice / 100).toFixed(2)}`);
  const customers = page.waitForEvent('download');
  await page.getByTestId('report-customers-csv').click();
  expect(readFileSync((await (await customers).path())!, 'utf8')).toContain('+15550009001,2,');

  // Yesterday had no sales.
  await page.getByTestId('report-yesterday').click();
  await expect(page.getByTestId('report-sales-count')).toHaveText('0');
  await page.getByTestId('report-today').click();
  await expect(page.getByTestId('report-sales-count')).toHaveText('3');

  for (const size of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // The layout settles after the resize (the chart measures its box): wait for that, not for time.
    await expect.poll(() => sidewaysOverflow(page), { message: `reports at ${size.width}` }).toEqual([]);
    expect(await axeProblems(page), `axe at ${size.width}`).toEqual([]);
    await page.screenshot({
      path: `${SCREENS}/${appHost}-reports-${size.width}x${size.height}.png`,
      fullPage: true,
    });
  }
});
