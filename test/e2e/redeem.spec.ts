import { mkdirSync, rmSync } from 'node:fs';
import { expect, startCentralApi, test } from './fixtures';
import { enrollAndSignIn, generateSeries } from './flows';
import { freePort } from './free-port';
import { createTenant } from './operator-api';
import { toastSaying } from './page-checks';

mkdirSync('test-results/screens', { recursive: true });

const grouped = (pin: string): string => pin.replace(/(\d{4})(?=\d)/g, '$1 ');

test('a clerk redeems cards online (typed and scanned), and repeated wrong PINs lock with a countdown', async ({
  app,
  appHost,
}) => {
  test.setTimeout(150_000);
  const tenant = await createTenant(app.apiUrl);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  const { cards } = await generateSeries(page, { amount: 500, quantity: 5, prefix: '812', reveal: 2 });
  const [a, b] = cards as [(typeof cards)[0], (typeof cards)[0]];

  // Customer first, then the PIN: shown grouped as typed; Enter redeems.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'Redeem' })).toBeVisible();
  await expect(page.getByTestId('redeem-account')).toBeFocused();
  await page.keyboard.type('+447700900555');
  // Enter after the account moves on to the PIN.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('redeem-pin')).toBeFocused();
  await expect(page.getByTestId('redeem-result')).toHaveCount(0);
  await page.keyboard.type(a.pin.slice(0, 6));
  await expect(page.getByTestId('redeem-pin')).toHaveValue(grouped(a.pin.slice(0, 6)));
  // The rest pasted with spaces and a dash: digits are kept, the grouping redone.
  await page.getByTestId('redeem-pin').fill(`${a.pin.slice(0, 4)}-${a.pin.slice(4, 8)} ${a.pin.slice(8)}`);
  await expect(page.getByTestId('redeem-pin')).toHaveValue(grouped(a.pin));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('redeem-result')).toHaveAttribute('data-kind', 'redeemed');
  await expect(page.getByTestId('redeem-result')).toContainText('Redeemed USD 5.00');
  await expect(page.getByTestId('redeem-result')).toContainText(a.serial);
  await expect(page.getByTestId('redeem-wallet')).toHaveText('USD 5.00');
  await expect(page.getByTestId('redemption-row').first()).toContainText(a.serial);
  await page.screenshot({ path: `test-results/screens/${appHost}-redeem-1280.png` });

  // A barcode scanner types the serial fast and presses Enter while the account field has focus: the serial lands
  // in the serial field, the account is untouched, and the PIN field takes the focus. The burst is dispatched in the
  // page in one go, as a scanner sends it: Playwright's own typing slows down on a loaded machine and would make the
  // test depend on its speed (the detector's timing rules are unit-tested in serial-scan.test.ts).
  await page.getByTestId('redeem-account').fill('+447700900555');
  await page.getByTestId('redeem-account').focus();
  await page.evaluate((serial) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...serial, 'Enter'])
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, b.serial);
  await expect(page.getByTestId('redeem-serial')).toHaveValue(b.serial);
  await expect(page.getByTestId('redeem-account')).toHaveValue('+447700900555');
  await expect(page.getByTestId('redeem-pin')).toBeFocused();
  await page.keyboard.type(b.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('redeem-result')).toHaveAttribute('data-kind', 'redeemed');
  await expect(page.getByTestId('redeem-wallet')).toHaveText('USD 10.00');

  // The same card again: the one generic failure.
  await page.getByTestId('redeem-account').fill('+447700900555');
  await page.getByTestId('redeem-pin').fill(b.pin);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('redeem-result')).toHaveAttribute('data-kind', 'failed');
  const generic = await page.getByTestId('redeem-result').textContent();

  // Wrong PINs for another customer: the same text each time, then a lockout with its wait; Redeem is disabled.
  await page.getByTestId('redeem-account').fill('+447700900777');
  let locked = false;
  for (let i = 0; i < 8 && !locked; i++) {
    await page.getByTestId('redeem-pin').fill(`9${String(i).padStart(11, '0')}`);
    await page.getByTestId('redeem-submit').click();
    await expect(page.getByTestId('redeem-submit')).not.toHaveText(/Redeeming/);
    const kind = await page.getByTestId('redeem-result').getAttribute('data-kind');
    if (kind === 'failed') expect(await page.getByTestId('redeem-result').textContent()).toBe(generic);
    else {
      expect(kind).toBe('locked');
      locked = true;
    }
  }
  expect(locked).toBe(true);
  await expect(page.getByTestId('redeem-wait')).toHaveText(/^\d+:\d\d$/);
  await expect(page.getByTestId('redeem-submit')).toBeDisabled();
  const wait1 = await page.getByTestId('redeem-wait').textContent();
  await expect(page.getByTestId('redeem-wait')).not.toHaveText(wait1!, { timeout: 3_000 });
  await page.screenshot({ path: `test-results/screens/${appHost}-redeem-locked.png` });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `test-results/screens/${appHost}-redeem-1024.png` });
});

test('offline, a redemption is queued as pending and settles when the terminal is back online', async ({
  launch,
  appHost,
}) => {
  test.setTimeout(150_000);
  const port = await freePort();
  let api = await startCentralApi({ port });
  const dataDir = api.dataDir;
  try {
    const tenant = await createTenant(api.url);
    const { page } = await launch(api.url);
    await enrollAndSignIn(page, api.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    const { cards } = await generateSeries(page, { amount: 300, quantity: 2, prefix: '913', reveal: 1 });
    const card = cards[0]!;

    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('redeem-offline')).toBeVisible();
    await page.getByTestId('redeem-account').fill('+447700900888');
    await page.getByTestId('redeem-pin').fill(card.pin);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('redeem-result')).toHaveAttribute('data-kind', 'pending');
    await expect(page.getByTestId('redeem-result')).toContainText(
      'The card will be checked when the terminal is back online',
    );
    await expect(page.getByTestId('redemption-state').first()).toHaveText('Pending');
    await page.screenshot({ path: `test-results/screens/${appHost}-redeem-pending.png` });

    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });
    await expect(page.getByTestId('redemption-state').first()).toHaveText('Redeemed', { timeout: 30_000 });
    await expect(page.getByTestId('redemption-row').first()).toContainText('USD 3.00');
    await expect(toastSaying(page, 'redeemed').first()).toBeVisible();
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
