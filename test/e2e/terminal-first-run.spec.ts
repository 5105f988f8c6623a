import { rmSync } from 'node:fs';
import { expect, startCentralApi, test } from './fixtures';
import { createFirstManager, signIn } from './flows';
import { freePort } from './free-port';

test('first run: one-click demo enrollment, manager, new clerk, sign-in, and the status bar following the server', async ({
  launch,
  appHost,
}) => {
  test.setTimeout(120_000);
  const port = await freePort();
  let api = await startCentralApi({ port });
  const dataDir = api.dataDir;
  try {
    const { page } = await launch(api.url);
    // Enrollment offers the demo terminal of the local central API in one click.
    await expect(page.getByTestId('enroll-demo')).toBeVisible();
    await expect(page.getByTestId('status-online')).toHaveText('Not enrolled');
    await page.screenshot({ path: `test-results/screens/${appHost}-enroll.png` });
    await page.getByTestId('enroll-demo').click();
    await expect(page.getByRole('heading', { name: 'Create the first manager' })).toBeVisible();
    await createFirstManager(page, 'Maya Manager', '246802');
    await expect(page.getByTestId('status-terminal')).not.toContainText('not enrolled');
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    // The demo catalog arrived with the first sync.
    await expect(page.getByTestId('package-TOPUP10')).toBeVisible();

    // A manager creates a clerk in Settings.
    await page.keyboard.press('Alt+8');
    await page.getByTestId('new-clerk-name').fill('Carl Clerk');
    await page.getByTestId('new-clerk-pin').fill('1357');
    await page.getByTestId('new-clerk-submit').click();
    await expect(page.getByTestId('clerk-list')).toContainText('Carl Clerk');

    // Sign out; sign in as the clerk; a wrong PIN is refused first.
    await page.getByTestId('sign-out').click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByTestId('clerk-Carl Clerk').click();
    await page.getByTestId('signin-pin').fill('9999');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signin-error')).toContainText('Wrong PIN');
    await page.screenshot({ path: `test-results/screens/${appHost}-signin.png` });
    await signIn(page, 'Carl Clerk', '1357');
    await expect(page.getByRole('heading', { level: 1, name: 'Sell' })).toBeVisible();
    // A clerk cannot add clerks.
    await page.keyboard.press('Alt+8');
    await expect(page.getByText('Only a manager can add or change clerks.')).toBeVisible();

    // The status bar follows the central API going away and coming back.
    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    await page.screenshot({ path: `test-results/screens/${appHost}-offline.png` });
    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });

    // Five wrong PINs lock the clerk out: the sign-in screen shows the wait and refuses to submit.
    await page.getByTestId('sign-out').click();
    await page.getByTestId('clerk-Carl Clerk').click();
    for (let i = 0; i < 4; i++) {
      await page.getByTestId('signin-pin').fill('0000');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('signin-error')).toContainText('Wrong PIN');
      await expect(page.getByTestId('signin-pin')).toHaveValue('');
    }
    await page.getByTestId('signin-pin').fill('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signin-wait')).toContainText(
      /Too many wrong PINs\. Try again in \d+ (min|s)/,
    );
    await page.getByTestId('signin-pin').fill('1357');
    await expect(page.getByTestId('signin-submit')).toBeDisabled();
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
