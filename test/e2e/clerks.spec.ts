import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { enrollAndSignIn, signIn } from './flows';
import { createTenant } from './operator-api';
import { SCREENS_DIR as SCREENS, axeProblems, sidewaysOverflow, toastSaying } from './page-checks';

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('clerk-Maya Manager')).toBeVisible();
}

test('clerk management: edit, deactivate (cannot sign in), reset a PIN (signs in with it), all audited', async ({
  app,
  appHost,
}) => {
  const tenant = await createTenant(app.apiUrl, { credits: 10_000 });
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);

  // Add Sam, then rename him Samuel.
  await page.keyboard.press('Alt+8');
  await page.getByTestId('new-clerk-name').fill('Sam');
  await page.getByTestId('new-clerk-pin').fill('1357');
  await page.getByTestId('new-clerk-submit').click();
  await expect(page.getByTestId('clerk-row-Sam')).toBeVisible();
  await page.getByTestId('clerk-edit-Sam').click();
  await page.getByTestId('clerk-name-Sam').fill('Samuel');
  await page.getByTestId('clerk-name-Sam').press('Enter');
  await expect(page.getByTestId('clerk-row-Samuel')).toBeVisible();

  // The only manager can be neither deactivated nor made a clerk.
  await page.getByTestId('clerk-toggle-Maya-Manager').click();
  await expect(page.getByTestId('clerk-error-Maya-Manager')).toContainText('only active manager');

  // Deactivated, Samuel is not offered at sign-in.
  await page.getByTestId('clerk-toggle-Samuel').click();
  await expect(page.getByTestId('clerk-status-Samuel')).toHaveText('Deactivated');
  await signOut(page);
  await expect(page.getByTestId('clerk-Samuel')).toHaveCount(0);
  await signIn(page, 'Maya Manager', '246802');

  // Reactivated with a new PIN: the old one fails, the new one signs in.
  await page.keyboard.press('Alt+8');
  await page.getByTestId('clerk-toggle-Samuel').click();
  await expect(page.getByTestId('clerk-status-Samuel')).toHaveText('Active');
  await page.getByTestId('clerk-pin-Samuel').click();
  await page.getByTestId('clerk-newpin-Samuel').fill('8642');
  await page.getByTestId('clerk-pin-save-Samuel').click();
  await expect(toastSaying(page, 'New PIN set for Samuel')).toBeVisible();
  const audit = page.getByTestId('clerk-audit');
  await expect(audit).toContainText('Maya Manager reset the PIN of Samuel');
  await expect(audit).toContainText('Maya Manager deactivated Samuel');
  await expect(audit).toContainText('Maya Manager reactivated Samuel');
  await expect(audit).toContainText('Maya Manager renamed Samuel (Sam -> Samuel)');
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.getByTestId('clerks-panel').scrollIntoViewIfNeeded();
    // The layout settles after the resize (the chart measures its box): wait for that, not for time.
    await expect.poll(() => sidewaysOverflow(page), { message: `settings at ${size.width}` }).toEqual([]);
    expect(await axeProblems(page), `axe at ${size.width}`).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/${appHost}-clerks-${size.width}x${size.height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  await signOut(page);
  await page.getByTestId('clerk-Samuel').click();
  await page.getByTestId('signin-pin').fill('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signin-error')).toBeVisible();
  await page.getByTestId('signin-pin').fill('8642');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-clerk')).toContainText('Samuel');
  // A clerk sees the Shift tab of Reports only, and the clerks as a list.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { level: 2, name: 'Open a shift' })).toBeVisible();
  await expect(page.getByTestId('reports-tab-sales')).toHaveCount(0);
});
