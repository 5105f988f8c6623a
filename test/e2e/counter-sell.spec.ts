import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { pdfText } from '../integration/printing/pdf-tools';
import { expect, startCentralApi, test } from './fixtures';
import { callContract, confirmNumber, enrollAndSignIn, signIn } from './flows';
import { freePort } from './free-port';
import { createTenant } from './operator-api';

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

const ACCOUNT_MESSAGE = 'The account number must be 4 to 20 digits, optionally starting with +.';

test('account entry: spaces and dashes are normalised, one message, the account is asked for first', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('package-TOPUP10')).toBeVisible();

  // Enter on an empty form flags the missing account (not the package) and puts the cursor there.
  await page.getByTestId('sale-account').press('Enter');
  await expect(page.getByTestId('sale-account-error')).toHaveText('Enter the customer’s account number.');
  await expect(page.getByTestId('sale-account')).toBeFocused();
  await expect(page.getByText('Choose a package')).toHaveCount(0);

  // A number that is too short: the message once, starting with a capital.
  await page.getByTestId('sale-account').fill('12');
  await page.getByTestId('sale-account').press('Enter');
  await expect(page.getByText(ACCOUNT_MESSAGE)).toHaveCount(1);

  // Spaces and dashes as people write phone numbers are fine; the sale carries the digits.
  await page.getByTestId('sale-account').fill('555 123 4567');
  await expect(page.getByTestId('sale-account-error')).toHaveCount(0);
  await page.getByTestId('sale-account').press('Enter');
  await expect(page.getByTestId('sale-package-error')).toHaveText('Choose a package.');
  await page.getByTestId('sale-account').fill('555-123-4567');
  await page.getByTestId('package-TOPUP10').click();
  await page.keyboard.press('Enter');
  await confirmNumber(page, '555 123 4567');
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  await page.keyboard.press('Alt+4');
  await expect(page.getByTestId('sales-table')).toContainText('5551234567');
  await page.screenshot({ path: `${shots}/${appHost}-counter-account.png` });
});

test('cash tendered: "10,50" on a US-English till is refused as ambiguous, never read as 1,050.00', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+15550001111');
  await page.getByTestId('sale-tendered').fill('10,50');
  await expect(page.getByTestId('sale-change')).not.toContainText('1,040.00');
  await expect(page.getByTestId('sale-tendered-error')).toContainText('can be read two ways');
  await page.getByTestId('sale-tendered').press('Enter');
  await expect(page.getByTestId('sale-result')).toHaveCount(0);
  await page.screenshot({ path: `${shots}/${appHost}-counter-decimal-comma.png` });
  await page.getByTestId('sale-tendered').fill('10.50');
  await expect(page.getByTestId('sale-change')).toHaveText('USD 0.50');
  await expect(page.getByTestId('sale-tendered-error')).toHaveCount(0);
});

test('after a cash sale the change due is the largest figure; the receipt prints tendered only when entered', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);

  // Cash sale: USD 20.00 for a USD 10.00 top-up.
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+15550002222');
  await page.getByTestId('sale-tendered').fill('20');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  const change = page.getByTestId('sale-result-change');
  await expect(change).toHaveText('USD 10.00');
  const sizes = await page.evaluate(() => {
    const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);
    const changeEl = document.querySelector('[data-testid="sale-result-change"]')!;
    const others = [...document.querySelectorAll('.sell *')].filter(
      (el) =>
        el !== changeEl && !changeEl.contains(el) && el.childElementCount === 0 && el.textContent?.trim(),
    );
    return { change: px(changeEl), largestOther: Math.max(...others.map(px)) };
  });
  expect(sizes.change).toBeGreaterThan(sizes.largestOther);
  await page.screenshot({ path: `${shots}/${appHost}-counter-change-due.png` });

  // No cash entered: the receipt says nothing about cash tendered or change.
  await page.getByTestId('package-TOPUP5').click();
  await page.getByTestId('sale-account').fill('+15550003333');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  await expect(page.getByTestId('sale-result-change')).toHaveCount(0);
  const saleNumber = (await page.getByTestId('sale-result-number').textContent())!;
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('sale-result').getByTestId('receipt-save').click();
  const text = await pdfText(readFileSync((await (await downloadPromise).path())!));
  expect(text).toContain(saleNumber);
  expect(text).not.toContain('Tendered');
  expect(text).not.toContain('Change');

  // Sales details: the receipts-printed count follows a Save PDF at once.
  await page.keyboard.press('Alt+4');
  await page.getByTestId(`sale-row-${saleNumber}`).click();
  const details = page.getByTestId('sale-details');
  await expect(details.getByTestId('sale-details-prints')).toHaveText('1');
  await expect(details).not.toContainText('Tendered');
  const again = page.waitForEvent('download');
  await details.getByTestId('receipt-save').click();
  await again;
  await expect(details.getByTestId('sale-details-prints')).toHaveText('2');
});

test('a sale the server rejected is listed as not sold', async ({ app, appHost }) => {
  const { page } = app;
  // USD 1.00 of credits: a USD 10.00 top-up (9.50 wholesale) is rejected by the server.
  const tenant = await createTenant(app.apiUrl, { credits: 100 });
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+15550004444');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText(/Rejected|Not sold/);
  // The server's reason reaches the clerk as a sentence.
  await expect(page.getByTestId('sale-result-message')).toHaveText(/^[A-Z].*\.$/);
  await page.keyboard.press('Alt+4');
  const row = page.getByTestId('sales-table').locator('tbody tr').first();
  await expect(row).toContainText('Not sold');
  await expect(row).not.toContainText('purchased');
  await page.getByTestId('sales-status').selectOption('purchased');
  await expect(page.getByTestId('sales-table')).toContainText('No sales match.');
  await page.getByTestId('sales-status').selectOption('not_sold');
  await expect(page.getByTestId('sales-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('sales-table')).toContainText('+15550004444');
  await page.screenshot({ path: `${shots}/${appHost}-counter-not-sold.png` });
});

test('F-keys stay put when a package is starred; the star is reached by keyboard; F5 does not reload', async ({
  app,
  appHost,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('package-TOPUP10')).toBeVisible();
  const keys = async () =>
    Object.fromEntries(
      await page
        .locator('.package-tile')
        .evaluateAll((tiles) =>
          tiles.map((t) => [
            t.querySelector('.package-main')!.getAttribute('data-testid'),
            t.querySelector('.fkey')?.textContent ?? null,
          ]),
        ),
    ) as Record<string, string | null>;
  const before = await keys();
  expect(Object.values(before)).toContain('F1');

  // The most expensive package is starred from the keyboard: Tab from its tile reaches its star.
  const last = Object.keys(before).at(-1)!;
  await page.getByTestId(last).focus();
  await page.keyboard.press('Tab');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', /^Star /);
  await page.keyboard.press('Space');
  await expect(page.locator('.package-tile').first().locator('.package-main')).toHaveAttribute(
    'data-testid',
    last,
  );
  expect(await keys()).toEqual(before);
  const f1 = Object.entries(before).find(([, k]) => k === 'F1')![0];
  await page.getByTestId('sale-account').focus();
  await page.keyboard.press('F1');
  await expect(page.getByTestId(f1)).toHaveAttribute('aria-pressed', 'true');

  // F-keys stay in the app: F5 (bound or not) does not reload the page, an unbound one (F11) does nothing.
  const bound = Object.values(before).filter(Boolean).length;
  expect(bound).toBeLessThan(11);
  await page.evaluate(() => ((window as unknown as Record<string, unknown>)['e2eMarker'] = 'still here'));
  await page.keyboard.press('F11');
  await page.keyboard.press('F5');
  expect(await page.evaluate(() => (window as unknown as Record<string, unknown>)['e2eMarker'])).toBe(
    'still here',
  );
  await page.screenshot({ path: `${shots}/${appHost}-counter-favourites.png` });
});

test('auto-lock keeps a half-entered sale for the same clerk; the sign-in keeps digits across tiles', async ({
  app,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await callContract(page, 'clerks.create', { name: 'Carl Clerk', pin: '1357', role: 'clerk' });
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+15550005555');
  await page.getByTestId('sale-tendered').fill('20');

  // The session locks (as auto-lock does): the same clerk signs back in and finds the sale as it was.
  await callContract(page, 'session.signOut', {});
  await expect(page.getByTestId('signin-pin').or(page.getByTestId('clerk-Maya Manager'))).toBeVisible();
  await signIn(page, 'Maya Manager', '246802');
  await expect(page.getByTestId('sale-account')).toHaveValue('+15550005555');
  await expect(page.getByTestId('sale-package')).toHaveText('Top-up 10');
  await expect(page.getByTestId('sale-tendered')).toHaveValue('20');

  // Another clerk does not see it. Digits typed before switching tiles are kept.
  await callContract(page, 'session.signOut', {});
  await page.getByTestId('clerk-Maya Manager').click();
  await page.getByTestId('signin-pin').fill('1357');
  await page.getByTestId('clerk-Carl Clerk').click();
  await expect(page.getByTestId('signin-pin')).toHaveValue('1357');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-clerk')).toContainText('Carl Clerk');
  await expect(page.getByTestId('sale-account')).toHaveValue('');
  await expect(page.getByTestId('sale-package')).toHaveText('none chosen');

  // A clerk sees the terminal settings as values, told up front that only a manager changes them.
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('settings-read-only')).toHaveText(
    'Only a manager can change these settings.',
  );
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  const shopName = page.getByTestId('settings-shop-name');
  await expect(shopName).toBeDisabled();
  expect(await shopName.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgba(0, 0, 0, 0)');
});

test('offline: the total left goes down after each offline sale, and both limits are checked before Confirm', async ({
  launch,
  appHost,
}) => {
  test.setTimeout(120_000);
  const port = await freePort();
  const api = await startCentralApi({ port });
  try {
    const tenant = await createTenant(api.url, {
      credits: 50_000,
      floorLimits: { perSaleMax: 2_000, totalOfflineMax: 5_000, maxHoursSinceSync: 24 },
    });
    const { page } = await launch(api.url);
    await enrollAndSignIn(page, api.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    await expect(page.getByTestId('status-offline-allowance')).toContainText('USD 50.00');
    await expect(page.getByTestId('status-offline-per-sale')).toContainText('USD 20.00');

    // Over the per-sale limit: said before Confirm, and Confirm sells nothing.
    await page.getByTestId('package-TOPUP50').click();
    await page.getByTestId('sale-account').fill('+15550006666');
    await expect(page.getByTestId('sale-limit-error')).toHaveText(
      'Offline, one sale can be at most USD 20.00.',
    );
    await page.getByTestId('sale-account').press('Enter');
    await expect(page.getByTestId('sale-result')).toHaveCount(0);

    for (let i = 0; i < 4; i += 1) {
      await page.getByTestId('package-TOPUP10').click();
      await page.getByTestId('sale-account').fill(`+1555000670${i}`);
      await page.getByTestId('sale-account').press('Enter');
      await confirmNumber(page);
      await expect(page.getByTestId('sale-result-status')).toHaveText('Queued — offline, will sync');
      await expect(page.getByTestId('status-offline-allowance')).toContainText(`USD ${50 - 10 * (i + 1)}.00`);
    }
    // USD 10.00 left in total: a quantity of 2 (USD 20.00) fits the per-sale limit but not the total.
    await page.getByTestId('package-TOPUP10').click();
    await page.getByTestId('sale-account').fill('+15550006799');
    await page.getByTestId('sale-quantity').fill('2');
    await expect(page.getByTestId('sale-limit-error')).toHaveText(
      'Offline, only USD 10.00 more can be sold until the terminal syncs.',
    );
    await page.screenshot({ path: `${shots}/${appHost}-counter-offline-limits.png` });
  } finally {
    await api.stop();
    rmSync(api.dataDir, { recursive: true, force: true });
  }
});
