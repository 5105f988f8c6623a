import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { E2E_OPERATOR_KEY, expect, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { freePort } from './free-port';
import { createTenant } from './operator-api';

mkdirSync('test-results/screens', { recursive: true });

/** An operator API call; answers the JSON body, throws unless it succeeds. */
async function operator<T>(apiUrl: string, method: string, path: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${E2E_OPERATOR_KEY}` },
  });
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** The ids of a reseller's terminals. */
async function terminalIds(apiUrl: string, resellerId: string): Promise<string[]> {
  const r = await operator<{ terminals: { id: string }[] }>(
    apiUrl,
    'GET',
    `/v1/operator/resellers/${resellerId}/terminals`,
  );
  return r.terminals.map((t) => t.id);
}

/** Fails unless every item of the status bar lies inside the window and its reason is shown whole. */
async function expectStatusBarFits(page: Page): Promise<void> {
  const layout = await page.getByTestId('status-bar').evaluate((bar) => {
    const reason = bar.querySelector('[data-testid="status-reason"]');
    const items = [...bar.querySelectorAll('[data-testid^="status-"]')];
    return {
      width: document.documentElement.clientWidth,
      rightmost: Math.max(...items.map((e) => e.getBoundingClientRect().right)),
      reasonCut: reason ? reason.scrollWidth > reason.clientWidth + 1 : false,
    };
  });
  expect(layout.rightmost).toBeLessThanOrEqual(layout.width);
  expect(layout.reasonCut).toBe(false);
}

test('a manager changes the API address in Settings; the status bar names the address it tries', async ({
  app,
  appHost,
}) => {
  test.setTimeout(120_000);
  const tenant = await createTenant(app.apiUrl);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');

  await page.keyboard.press('Alt+8');
  const address = page.getByTestId('settings-api-url');
  await expect(address).toHaveValue(app.apiUrl);

  // Refused with the reason: credentials and fragments have no place in the address.
  await address.fill('http://admin:secret@127.0.0.1:8787');
  await page.getByTestId('settings-api-url-save').click();
  await expect(page.getByTestId('settings-api-url-error')).toHaveText(
    'The API address must not contain a user name or password.',
  );
  await address.fill(`${app.apiUrl}/#token=abc`);
  await page.getByTestId('settings-api-url-save').click();
  await expect(page.getByTestId('settings-api-url-error')).toContainText('fragment');
  await page
    .getByTestId('api-address')
    .screenshot({ path: `test-results/screens/${appHost}-api-address-invalid.png` });

  // An address where nothing answers: used by the very next sync, and the status bar says which address fails.
  const dead = `http://127.0.0.1:${await freePort()}`;
  await address.fill(`${dead}/`);
  await page.getByTestId('settings-api-url-save').click();
  await expect(address).toHaveValue(dead);
  await expect(page.getByTestId('status-online')).toHaveText('Offline');
  await expect(page.getByTestId('status-reason')).toHaveText(`Cannot reach ${dead} (connection refused).`);
  await expect(page.getByTestId('status-online')).toHaveAttribute(
    'title',
    `Offline: Cannot reach ${dead} (connection refused).`,
  );
  await page.screenshot({ path: `test-results/screens/${appHost}-api-address-offline.png` });
  await expectStatusBarFits(page);

  // Readable at 1024 px: the reason in full on its own line, every fact inside the window.
  await page.setViewportSize({ width: 1024, height: 720 });
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('status-offline-allowance')).toBeVisible();
  await expectStatusBarFits(page);
  await page.screenshot({ path: `test-results/screens/${appHost}-offline-1024.png` });

  // Back to the real address: online again without a restart.
  await page.keyboard.press('Alt+8');
  await address.fill(app.apiUrl);
  await page.getByTestId('settings-api-url-save').click();
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  await expect(page.getByTestId('status-reason')).toHaveCount(0);
  await page.keyboard.press('Alt+1');
  await expectStatusBarFits(page);
  await page.screenshot({ path: `test-results/screens/${appHost}-online-1024.png` });

  // The address survives a reload of the window (it is stored with the terminal identity).
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sell' })).toBeVisible();
  await page.keyboard.press('Alt+8');
  await expect(page.getByTestId('settings-api-url')).toHaveValue(app.apiUrl);
  await expect(page.getByTestId('status-online')).toHaveText('Online');
});

test('a revoked terminal shows why it is blocked and stops selling', async ({ app, appHost }) => {
  test.setTimeout(120_000);
  const tenant = await createTenant(app.apiUrl);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('package-TOPUP10')).toBeVisible();
  await expect(page.getByTestId('terminal-blocked')).toHaveCount(0);

  const [terminalId] = await terminalIds(app.apiUrl, tenant.resellerId);
  await operator(app.apiUrl, 'POST', `/v1/operator/terminals/${terminalId}/revoke`);

  // The next sync round (the loop runs every second in tests) meets the refused token.
  const banner = page.getByTestId('terminal-blocked');
  await expect(banner).toContainText('This terminal was revoked by the operator; enroll it again.', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('status-online')).toHaveText('Blocked');
  await expect(page.getByTestId('status-reason')).toHaveText(
    'This terminal was revoked by the operator; enroll it again.',
  );
  await expect(page.getByTestId('sale-confirm')).toBeDisabled();
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+447700900123');
  await page.getByTestId('sale-account').press('Enter');
  await expect(page.getByTestId('sale-result')).toHaveCount(0);
  await page.screenshot({ path: `test-results/screens/${appHost}-revoked-sell.png` });

  await page.setViewportSize({ width: 1024, height: 720 });
  await expectStatusBarFits(page);
  await page.screenshot({ path: `test-results/screens/${appHost}-revoked-sell-1024.png` });

  // Stored: a reload (and the service behind it) still says so.
  await page.reload();
  await expect(page.getByTestId('status-online')).toHaveText('Blocked');
});

test('a suspended reseller blocks the terminal until the operator lifts it', async ({ app, appHost }) => {
  test.setTimeout(120_000);
  const tenant = await createTenant(app.apiUrl);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');

  await operator(app.apiUrl, 'POST', `/v1/operator/resellers/${tenant.resellerId}/suspend`);
  await expect(page.getByTestId('terminal-blocked')).toContainText(
    'Your reseller account is suspended; contact the operator.',
    { timeout: 20_000 },
  );
  await expect(page.getByTestId('sale-confirm')).toBeDisabled();
  await page.screenshot({ path: `test-results/screens/${appHost}-suspended-sell.png` });

  await operator(app.apiUrl, 'POST', `/v1/operator/resellers/${tenant.resellerId}/unsuspend`);
  await expect(page.getByTestId('terminal-blocked')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('status-online')).toHaveText('Online');
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+447700900124');
  await page.getByTestId('sale-confirm').click();
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
});
