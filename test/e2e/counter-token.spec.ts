import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';

mkdirSync('test-results/screens', { recursive: true });

test('browser mode: a missing or old token says what to do, and pasting the printed URL in the same tab works', async ({
  app,
  appHost,
}) => {
  test.skip(appHost !== 'browser', 'the session token is a browser-mode matter');
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Set up this terminal' })).toBeVisible();
  const token = await page.evaluate(() => sessionStorage.getItem('refill-desk.session-token'));
  expect(token).toBeTruthy();
  const origin = new URL(page.url()).origin;

  // A new tab on the address without the token: told what is wrong, not "restart the app".
  const tab = await page.context().newPage();
  await tab.goto(`${origin}/`);
  await expect(tab.getByTestId('token-problem')).toContainText('npm run web');
  await expect(tab.getByText('Restart the app')).toHaveCount(0);
  await tab.screenshot({ path: `test-results/screens/${appHost}-counter-token-missing.png` });

  // An old token (from an earlier start) is named as such.
  await tab.goto(`${origin}/#token=old-token-from-yesterday`);
  await expect(tab.getByTestId('token-problem')).toContainText('npm run web');

  // Pasting the printed URL into the same tab changes only the fragment: the app reacts and opens.
  await tab.evaluate((t) => {
    window.location.hash = `#token=${t}`;
  }, token!);
  await expect(tab.getByRole('heading', { name: 'Set up this terminal' })).toBeVisible();
  await expect(tab.getByTestId('token-problem')).toHaveCount(0);
  expect(tab.url()).not.toContain('token=');
  await tab.close();
});
