import { expect, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

test('quick tender: Exact and round amounts fill the cash field, the change follows, and the sale takes it', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);

  // No package yet: nothing to tender.
  await expect(page.getByTestId('tender-exact')).toHaveCount(0);
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+15550009999');
  await page.getByTestId('tender-exact').click();
  await expect(page.getByTestId('sale-tendered')).toHaveValue('10.00');
  await expect(page.getByTestId('sale-change')).toHaveText('USD 0.00');
  await expect(page.getByTestId('sale-tendered')).toBeFocused();

  // Round amounts above USD 10.00: 20 and 50 (10 is the exact total).
  await expect(page.getByTestId('tender-2000')).toHaveText('USD 20.00');
  await page.screenshot({ path: `test-results/screens/${appHost}-quick-tender.png` });
  await page.getByTestId('tender-2000').click();
  await expect(page.getByTestId('sale-change')).toHaveText('USD 10.00');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  await expect(page.getByTestId('sale-result-change')).toHaveText('USD 10.00');
});
