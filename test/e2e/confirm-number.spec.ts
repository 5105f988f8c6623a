import { mkdirSync } from 'node:fs';
import type { SalePage } from '../../core/contract/types/sales';
import { expect, test } from './fixtures';
import { callContract, confirmNumber, enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

const shots = 'test-results/screens';

test('confirm the number: the account in big groups before the top-up goes; Esc goes back with it kept; Enter sends', async ({
  app,
  appHost,
}) => {
  mkdirSync(shots, { recursive: true });
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  const sales = async (): Promise<string[]> =>
    (await callContract<SalePage>(page, 'sales.list', { limit: 50 })).items.map((s) => s.customerAccount);

  // Keyboard only: the package, the number as the customer says it, Enter.
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('555-123-4567');
  await page.getByTestId('sale-account').press('Enter');
  const step = page.getByTestId('confirm-number');
  await expect(step).toBeVisible();
  await expect(page.getByTestId('confirm-number-account')).toHaveText('Account 555 123 4567');
  await expect(page.getByTestId('confirm-number-package')).toHaveText('Top-up 10');
  await expect(page.getByTestId('confirm-number-amount')).toHaveText('USD 10.00');
  await expect(page.getByTestId('confirm-number-send')).toBeFocused();
  // The Enter that opened the step did not also send the sale.
  expect(await sales()).toEqual([]);
  await expect(page.getByTestId('sale-result')).toHaveCount(0);
  // Big digits, the whole step (with its Confirm) inside a 1024x768 window.
  await page.setViewportSize({ width: 1024, height: 768 });
  const digits = await page
    .getByTestId('confirm-number-account')
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(digits).toBeGreaterThanOrEqual(36);
  const send = (await page.getByTestId('confirm-number-send').boundingBox())!;
  expect(send.y + send.height).toBeLessThanOrEqual(768);
  await page.screenshot({ path: `${shots}/${appHost}-confirm-number-1024.png` });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: `${shots}/${appHost}-confirm-number-1366.png` });

  // Wrong number: Esc goes back to the account, kept as typed and focused; nothing was sold, the sale is still there.
  await page.keyboard.press('Escape');
  await expect(step).toHaveCount(0);
  await expect(page.getByTestId('sale-account')).toBeFocused();
  await expect(page.getByTestId('sale-account')).toHaveValue('555-123-4567');
  await expect(page.getByTestId('sale-package')).toHaveText('Top-up 10');
  expect(await sales()).toEqual([]);

  // Corrected: one more Enter after Confirm sends it, to the corrected number.
  await page.getByTestId('sale-account').fill('555 123 4568');
  await page.keyboard.press('Enter');
  await confirmNumber(page, '555 123 4568');
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  expect(await sales()).toEqual(['5551234568']);
  await expect(page.getByTestId('sale-account')).toHaveValue('');

  // By mouse: the Confirm button of the form, then the big Confirm of the step.
  await page.getByTestId('package-TOPUP5').click();
  await page.getByTestId('sale-account').fill('+15550001234');
  await page.getByTestId('sale-confirm').click();
  await expect(page.getByTestId('confirm-number-account')).toHaveText('Account +1 555 000 1234');
  await expect(page.getByTestId('confirm-number-amount')).toHaveText('USD 5.00');
  await page.getByTestId('confirm-number-send').click();
  await expect(step).toHaveCount(0);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  expect((await sales()).sort()).toEqual(['+15550001234', '5551234568']);

  // "Edit the number" by mouse goes back the same way as Esc.
  await page.getByTestId('package-TOPUP5').click();
  await page.getByTestId('sale-account').fill('5550009999');
  await page.getByTestId('sale-confirm').click();
  await page.getByTestId('confirm-number-back').click();
  await expect(step).toHaveCount(0);
  await expect(page.getByTestId('sale-account')).toHaveValue('5550009999');
  expect(await sales()).toHaveLength(2);
});
