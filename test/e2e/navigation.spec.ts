import { mkdirSync } from 'node:fs';
import { SCREENS } from '../../renderer/src/app/screens';
import { expect, test } from './fixtures';
import { enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

const shots = 'test-results/screens';

test('every screen is reachable by click and by keyboard, with the status bar always visible', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  mkdirSync(shots, { recursive: true });
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-bar')).toBeVisible();
  for (const s of SCREENS) {
    await page.getByTestId(`nav-${s.id}`).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.label);
    await expect(page.getByTestId(`nav-${s.id}`)).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('status-bar')).toBeVisible();
    await page.screenshot({ path: `${shots}/${appHost}-${s.id}.png` });
  }
  // Keyboard: Alt+digit jumps from anywhere.
  for (const s of SCREENS) {
    await page.keyboard.press(`Alt+${s.key}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(s.label);
  }
  // Arrow keys move focus through the navigation; Enter opens the focused screen.
  await page.getByTestId('nav-sell').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redeem');
});

test('the About screen shows real versions fetched through the contract', async ({ app, appHost }) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('about')).toBeVisible();
  await expect(page.getByTestId('about-sqlite')).toHaveText(/^3\.\d+\.\d+$/);
  await expect(page.getByTestId('about-node')).toHaveText(/^\d+\.\d+\.\d+$/);
  await expect(page.getByTestId('about-schema')).toHaveText(/^(\d+) \(this build knows \1\)$/);
  await expect(page.getByTestId('about-app-version')).toContainText('Refill Desk 0.');
  if (appHost === 'browser')
    await expect(page.getByTestId('about-electron')).toHaveText('not running in Electron');
  else await expect(page.getByTestId('about-electron')).toHaveText(/^\d+\.\d+\.\d+$/);
  await page.getByTestId('about').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/${appHost}-about.png`, fullPage: true });
});
