import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

const shots = 'test-results/screens';

test('Settings shows the Updates panel; without an updater it says who manages updates', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  mkdirSync(shots, { recursive: true });
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await page.keyboard.press('Alt+8');
  const panel = page.getByTestId('updates');
  await expect(panel.getByRole('heading', { name: 'Updates' })).toBeVisible();
  // Neither browser mode nor an unpackaged desktop app has an updater: nothing to install, no button.
  await expect(page.getByTestId('updates-phase')).toHaveText(
    appHost === 'browser'
      ? 'Updates are managed by the desktop app. Browser mode does not update itself.'
      : 'This is a development build: it does not update itself.',
  );
  await expect(page.getByTestId('updates-install')).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: `${shots}/${appHost}-updates-panel.png` });
  await page.screenshot({ path: `${shots}/${appHost}-settings-updates.png`, fullPage: true });
});
