import type { Package } from '../../core/sync/protocol';
import type { SaleCreateOutcome } from '../../core/contract/types/sales';
import { expect, test } from './fixtures';
import { callContract, enrollAndSignIn } from './flows';
import { createTenant, serverBalance, setRefundPolicy } from './operator-api';

test('a manager sells, refunds the sale, and sees the credits restored and the sale refunded', async ({
  app,
  appHost,
}) => {
  const tenant = await createTenant(app.apiUrl, { credits: 100_000 });
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  const before = await serverBalance(app.apiUrl, tenant.resellerId);
  const packages = await callContract<Package[]>(page, 'catalog.packages', {});
  const pkg = packages[0]!;
  const sold = await callContract<SaleCreateOutcome>(page, 'sales.create', {
    packageId: pkg.id,
    customerAccount: '+15550007777',
    quantity: 1,
  });
  expect(sold.outcome).toBe('confirmed');
  expect(await serverBalance(app.apiUrl, tenant.resellerId)).toBe(before - pkg.wholesalePrice);

  await page.keyboard.press('Alt+4');
  await page.getByTestId(`sale-row-${sold.sale!.saleNumber}`).click();
  await expect(page.getByTestId('refund-allowance')).toHaveText('Refunds this month: 0 of 10');
  await page.getByTestId('refund-start').click();
  await expect(page.getByTestId('refund-confirm')).toBeFocused();
  await page.screenshot({ path: `test-results/screens/${appHost}-refund-confirm.png` });
  await page.getByTestId('refund-confirm').click();
  const done = page.getByTestId('refund-done');
  await expect(done).toContainText(/Refund RF-\d{6}/);
  await expect(done).toContainText('Give back');
  await page.screenshot({ path: `test-results/screens/${appHost}-refund-done.png` });
  expect(await serverBalance(app.apiUrl, tenant.resellerId)).toBe(before);
  await expect(page.getByTestId(`sale-row-${sold.sale!.saleNumber}`)).toContainText('Refunded');

  // A second sale, refused by the operator's monthly limit of one: the condition is named, nothing changes.
  await setRefundPolicy(app.apiUrl, tenant.resellerId, { cutoffAt: null, monthlyLimit: 1 });
  const again = await callContract<SaleCreateOutcome>(page, 'sales.create', {
    packageId: pkg.id,
    customerAccount: '+15550007778',
    quantity: 1,
  });
  // The Sell screen's totals count the refund: the day's refunds and the cash this shift handed back.
  await page.keyboard.press('Alt+1');
  const cashBack = `${Math.floor(pkg.retailPrice / 100)}.${String(pkg.retailPrice % 100).padStart(2, '0')}`;
  await expect(page.getByTestId('totals-today-refunds')).toContainText(cashBack);
  await expect(page.getByTestId('totals-shift-refunded')).toContainText(cashBack);
  await page.keyboard.press('Alt+4');
  await page.getByTestId(`sale-row-${again.sale!.saleNumber}`).click();
  await page.getByTestId('refund-start').click();
  await expect(page.getByTestId('refund-allowance')).toHaveText('Refunds this month: 1 of 1');
  const balance = await serverBalance(app.apiUrl, tenant.resellerId);
  await page.getByTestId('refund-confirm').click();
  await expect(page.getByTestId('refund-error')).toContainText('used all 1 refunds allowed this month');
  await expect(page.getByTestId('refund-start')).toBeVisible();
  expect(await serverBalance(app.apiUrl, tenant.resellerId)).toBe(balance);
});
