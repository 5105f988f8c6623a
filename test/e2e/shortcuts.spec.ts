import { expect, test } from './fixtures';
import { enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

test('? opens the keyboard shortcut sheet from anywhere but a text field; Esc closes it', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);

  // In the account field a "?" is typed, not a shortcut.
  await page.getByTestId('sale-account').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);

  await page.keyboard.press('Alt+4');
  await page.locator('h1').first().click();
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Alt+1 … Alt+8');
  await expect(sheet).toContainText('Confirm the sale');
  await page.screenshot({ path: `test-results/screens/${appHost}-shortcuts.png` });
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
});
