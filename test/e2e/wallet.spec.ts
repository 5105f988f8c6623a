import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Package } from '../../core/sync/protocol';
import type { SaleCreateOutcome } from '../../core/contract/types/sales';
import type { AutoTopUpAttempt } from '../../core/wallet/wallet-api';
import { E2E_OPERATOR_KEY, expect, startCentralApi, test } from './fixtures';
import { freePort } from './free-port';
import { callContract, enrollAndSignIn, signIn } from './flows';
import { createAffiliate, createTenant, serverBalance } from './operator-api';
import { toastSaying } from './page-checks';

/** Creates an operator credit package (credits for a price) through the operator API. */
async function createCreditPackage(apiUrl: string, credits: number, price: number): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/operator/credit-packages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${E2E_OPERATOR_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `E2E credits ${credits}`, credits, price, currency: 'USD', active: true }),
  });
  const json = (await res.json()) as { id: string };
  if (!res.ok) throw new Error(`credit package: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

/** A screenshot in test-results/screens (as the other specs keep them) and in the test's own output folder. */
async function shoot(page: Page, file: string): Promise<void> {
  const shot = await page.screenshot({ path: `test-results/screens/${file}` });
  writeFileSync(test.info().outputPath(file), shot);
}

/**
 * Screenshots of the Wallet screen at the two sizes clerks use (the window as seen, scrolled to the top, and the whole
 * screen in one tall picture); no horizontal scroll at either.
 */
async function shootWallet(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1024, 768],
    [1366, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => document.querySelector('main.content')?.scrollTo(0, 0));
    const overflow = await page.evaluate(() => {
      const content = document.querySelector('main.content');
      const doc = document.documentElement;
      return {
        page: doc.scrollWidth - doc.clientWidth,
        content: content ? content.scrollWidth - content.clientWidth : 0,
      };
    });
    expect(overflow, `horizontal overflow at ${width}`).toEqual({ page: 0, content: 0 });
    await shoot(page, `${name}-${width}.png`);
    const tall = await page.evaluate(() => {
      const content = document.querySelector('main.content');
      return content ? content.scrollHeight - content.clientHeight : 0;
    });
    await page.setViewportSize({ width, height: height + tall });
    await shoot(page, `${name}-${width}-full.png`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a manager adds a card on the hosted page, auto top-up refills the wallet, and deleting the card turns it off', async ({
  app,
  appHost,
}) => {
  test.setTimeout(180_000);
  const tenant = await createTenant(app.apiUrl, { credits: 10_000 });
  const affiliateId = await createAffiliate(app.apiUrl, tenant.resellerId, 100);
  await createCreditPackage(app.apiUrl, 2_500, 2_500);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');

  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('wallet-server-balance')).toHaveText('USD 100.00');
  await expect(page.getByTestId('wallet-payment-method')).toContainText('No card saved');

  // Add a card: the provider's hosted page opens in a new window; the card number is typed there, never in the app.
  const popupOpened = page.waitForEvent('popup');
  await page.getByTestId('wallet-add-card').click();
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await popup.locator('#number').fill('4242 4242 4242 4242');
  await popup.locator('#expiry').fill('12/39');
  await popup.locator('#cvc').fill('123');
  await popup.locator('button[type="submit"], input[type="submit"]').first().click();
  await expect(page.getByTestId('wallet-card-saved')).toContainText('4242');
  expect(await page.content()).not.toContain('4242 4242 4242 4242');

  // Buy a package: a confirm step with the price, then the result.
  await page.getByTestId('wallet-package').filter({ hasText: '25.00' }).first().click();
  await expect(page.getByTestId('wallet-buy-confirm')).toContainText('USD 25.00');
  await expect(page.getByTestId('wallet-buy-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wallet-buy-result')).toContainText('Paid');
  await expect.poll(() => serverBalance(app.apiUrl, tenant.resellerId)).toBe(12_500);
  await expect(page.getByTestId('wallet-server-balance')).toHaveText('USD 125.00');

  // Alert under USD 120.00; auto top-up of USD 50.00 under USD 120.00, at most 3 a day and USD 500.00 a month.
  await page.getByTestId('wallet-alert-level').fill('120.00');
  await page.getByTestId('wallet-alert-save').click();
  await expect(toastSaying(page, 'Alert settings saved')).toBeVisible();
  await page.getByTestId('wallet-auto-threshold').fill('120.00');
  await page.getByTestId('wallet-auto-amount').fill('50.00');
  await page.getByTestId('wallet-auto-per-day').fill('3');
  await page.getByTestId('wallet-auto-per-month').fill('500.00');
  await page.getByTestId('wallet-auto-enabled').check();
  await page.getByTestId('wallet-auto-save').click();
  await expect(page.getByTestId('wallet-auto-state')).toHaveText('On');
  await shootWallet(page, `${appHost}-wallet`);

  // Sell until the balance crosses the threshold (each sale is confirmed online, so the server evaluates the rule),
  // and not one sale more: the server's balance is known from the sales made, whatever the top-up does meanwhile.
  const packages = await callContract<Package[]>(page, 'catalog.packages', {});
  const pkg = [...packages].sort((a, b) => b.wholesalePrice - a.wholesalePrice)[0]!;
  let expected = 12_500;
  for (let i = 0; expected >= 12_000; i++) {
    const sold = await callContract<SaleCreateOutcome>(page, 'sales.create', {
      packageId: pkg.id,
      customerAccount: `+1555000${String(7100 + i)}`,
      quantity: 1,
    });
    expect(sold.outcome).toBe('confirmed');
    expected -= pkg.wholesalePrice;
  }

  // The top-up shows: the attempt succeeded, the balance went up, the alert arrived (a notice and a toast).
  await expect(page.locator('[data-testid="wallet-auto-attempt"][data-outcome="succeeded"]')).toHaveCount(1, {
    timeout: 30_000,
  });
  const attempts = await callContract<AutoTopUpAttempt[]>(page, 'wallet.autoTopUpAttempts', { limit: 20 });
  expect(attempts.map((a) => [a.outcome, a.balanceBefore, a.amount])).toEqual([
    ['succeeded', expected, 5_000],
  ]);
  await expect(page.locator('[data-testid="wallet-notice"][data-type="balance_alert"]')).toHaveCount(1, {
    timeout: 30_000,
  });
  expect(await serverBalance(app.apiUrl, tenant.resellerId)).toBe(expected + 5_000);
  await expect(page.getByTestId('wallet-server-balance')).toHaveText(
    `USD ${Math.floor((expected + 5_000) / 100)}.${String((expected + 5_000) % 100).padStart(2, '0')}`,
  );
  await shootWallet(page, `${appHost}-wallet-topped-up`);

  // The history, filtered to purchases, downloads as CSV (header, then one row per movement).
  await page.getByTestId('wallet-history-kind').selectOption('credit_purchase');
  await expect(page.getByTestId('wallet-history-table').locator('tbody tr')).toHaveCount(3);
  const downloading = page.waitForEvent('download');
  await page.getByTestId('wallet-history-csv').click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('date_utc,kind,memo,amount,currency,entry_id');
  expect(csv.filter((l) => l.includes(',credit_purchase,'))).toHaveLength(3);
  expect(csv.some((l) => l.includes(',50.00,USD,'))).toBe(true);

  // Delete the card: auto top-up turns off, and says why.
  await page.getByTestId('wallet-delete-card').click();
  await page.getByTestId('wallet-delete-card-confirm').click();
  // The clerk is told auto top-up went off, by the deletion's own toast (the server's wallet notice that the next sync
  // brings may join it in the stack).
  await expect(toastSaying(page, 'Card deleted. Auto top-up is now off.')).toBeVisible();
  await expect(page.getByTestId('wallet-auto-state')).toHaveText('Off');
  await expect(page.getByTestId('wallet-auto-reason')).toContainText('card was deleted');
  await expect(page.getByTestId('wallet-payment-method')).toContainText('No card saved');

  // Move credits to the affiliate: choose it, the amount, then confirm.
  const before = await serverBalance(app.apiUrl, tenant.resellerId);
  await page.getByTestId('wallet-transfer-to').selectOption(affiliateId);
  await page.getByTestId('wallet-transfer-amount').fill('10.00');
  await page.getByTestId('wallet-transfer-amount').press('Enter');
  await expect(page.getByTestId('wallet-transfer-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  // The manager is told the credits moved, by the transfer's own toast; the balance alert it set off (127.50 -> 117.50,
  // under the 120.00 level) comes with the next sync and joins the stack without hiding it.
  await expect(toastSaying(page, 'Moved USD 10.00')).toBeVisible();
  expect(await serverBalance(app.apiUrl, affiliateId)).toBe(1_100);
  expect(await serverBalance(app.apiUrl, tenant.resellerId)).toBe(before - 1_000);

  // A clerk sees the balance only.
  await callContract(page, 'clerks.create', { name: 'Cleo', pin: '1357', role: 'clerk' });
  await page.getByTestId('sign-out').click();
  await signIn(page, 'Cleo', '1357');
  await page.keyboard.press('Alt+5');
  await expect(page.getByTestId('wallet-balance')).toBeVisible();
  await expect(page.getByTestId('wallet-server-balance')).toHaveText(/^USD \d/);
  await expect(page.getByTestId('wallet-packages')).toHaveCount(0);
  await expect(page.getByTestId('wallet-auto-topup')).toHaveCount(0);
  await expect(page.getByTestId('wallet-history')).toHaveCount(0);
  await shoot(page, `${appHost}-wallet-clerk-1280.png`);
});

test('offline, the Wallet keeps what it showed, marked out of date, and online-only actions say they need the API', async ({
  launch,
  appHost,
}) => {
  test.setTimeout(120_000);
  const api = await startCentralApi({ port: await freePort() });
  try {
    const tenant = await createTenant(api.url, { credits: 4_000 });
    const { page } = await launch(api.url);
    await enrollAndSignIn(page, api.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    await page.keyboard.press('Alt+5');
    await expect(page.getByTestId('wallet-server-balance')).toHaveText('USD 40.00');
    await expect(page.getByTestId('wallet-history-table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('wallet-auto-state')).toHaveText('Not set');

    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    // The balance is the last one pulled, marked; the rows already read stay, marked; nothing blanks out.
    await expect(page.getByTestId('wallet-stale')).toBeVisible();
    await expect(page.getByTestId('wallet-server-balance')).toHaveText('USD 40.00');
    await expect(page.getByTestId('wallet-history')).toContainText('Offline: as last read');
    await expect(page.getByTestId('wallet-history-table').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId('wallet-auto-topup')).toContainText('Offline');
    // Saving the rule needs the central API, and says so.
    await page.getByTestId('wallet-auto-save').click();
    await expect(page.getByTestId('wallet-auto-topup').getByRole('alert')).toContainText(
      'needs the central API',
    );
    await shoot(page, `${appHost}-wallet-offline-1024.png`);
  } finally {
    await api.stop();
    rmSync(api.dataDir, { recursive: true, force: true });
  }
});
