import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startCentralApi, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { freePort } from './free-port';
import { createTenant } from './operator-api';
import { axeProblems, SCREENS_DIR as SCREENS, sidewaysOverflow } from './page-checks';

/** The text of a downloaded PDF (poppler's pdftotext, layout kept). */
async function downloadedPdfText(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const pending = page.waitForEvent('download');
  await click();
  const download = await pending;
  const path = (await download.path())!;
  return {
    name: download.suggestedFilename(),
    text: execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }),
  };
}

/** Screenshots at the two till sizes (and back to the test's size), checking nothing scrolls sideways. */
async function tillShots(page: Page, name: string): Promise<void> {
  for (const size of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ]) {
    await page.setViewportSize(size);
    // The layout settles after the resize (the chart measures its box): wait for that, not for time.
    await expect.poll(() => sidewaysOverflow(page), { message: `${name} at ${size.width}` }).toEqual([]);
    expect(await axeProblems(page), `axe at ${size.width}`).toEqual([]);
    await page.screenshot({ path: `${SCREENS}/${name}-${size.width}x${size.height}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function sell(page: Page, account: string): Promise<void> {
  await page.getByTestId('package-TOPUP10').click();
  await page.keyboard.type(account);
  await expect(page.getByTestId('sale-account')).toHaveValue(account);
  await page.keyboard.press('Enter');
  await confirmNumber(page);
}

test('a shift: float by denomination, sales online and offline, X-report, close short, Z-report PDF', async ({
  launch,
  appHost,
}) => {
  test.setTimeout(180_000);
  const port = await freePort();
  let api = await startCentralApi({ port });
  const dataDir = api.dataDir;
  try {
    const tenant = await createTenant(api.url, { credits: 50_000 });
    const { page } = await launch(api.url);
    await enrollAndSignIn(page, api.url, tenant.code);
    await expect(page.getByTestId('status-online')).toHaveText('Online');

    // Open the shift: 1 x 100.00 + 2 x 5.00 counted into the drawer, Enter from the last field.
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { level: 2, name: 'Open a shift' })).toBeVisible();
    await page.getByTestId('float-d10000').fill('1');
    await page.getByTestId('float-d500').fill('2');
    await expect(page.getByTestId('float-sum')).toHaveText('USD 110.00');
    await tillShots(page, `${appHost}-shift-open-form`);
    await page.getByTestId('float-d500').press('Enter');
    await expect(page.getByTestId('shift-open-heading')).toHaveText('Shift #1 open');
    await expect(page.getByTestId('shift-float')).toHaveText('USD 110.00');

    // Sell online, then offline (the central API stops), then the queue drains when it is back.
    await page.keyboard.press('Alt+1');
    await sell(page, '+447700900201');
    await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    await sell(page, '+447700900202');
    await expect(page.getByTestId('sale-result-status')).toHaveText('Queued — offline, will sync');
    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });
    await expect(page.getByTestId('status-pending')).toContainText('0', { timeout: 20_000 });

    // Cash out to the safe, then the X-report: 110.00 + 20.00 - 15.00 = 115.00 expected.
    await page.keyboard.press('Alt+6');
    await expect(page.getByTestId('shift-open-heading')).toBeVisible();
    await expect(page.getByTestId('shift-sync')).toHaveText('Synced');
    await page.keyboard.press('F4');
    await page.getByTestId('cash-move-out').click();
    await page.getByTestId('cash-move-amount').fill('15');
    await page.getByTestId('cash-move-reason').fill('drop to safe');
    await page.getByTestId('cash-move-reason').press('Enter');
    await expect(page.getByTestId('shift-moves')).toContainText('drop to safe');
    const x = await downloadedPdfText(page, () => page.getByTestId('shift-x-report').click());
    expect(x.name).toMatch(/^x-report-shift-1-/);
    expect(x.text).toContain('X-REPORT');
    expect(x.text).toMatch(/Expected cash\s+USD 115\.00/);
    await expect(page.getByTestId('shift-expected')).toHaveText('USD 115.00');
    await tillShots(page, `${appHost}-shift-open`);

    // Close with the drawer counted as one total, 0.50 short.
    await page.keyboard.press('F2');
    await page.getByTestId('close-by-total').click();
    await page.getByTestId('close-total').fill('114.50');
    await page.getByTestId('close-total').press('Enter');
    await expect(page.getByTestId('shift-closed')).toBeVisible();
    await expect(page.getByTestId('shift-closed-expected')).toHaveText('USD 115.00');
    await expect(page.getByTestId('shift-closed-counted')).toHaveText('USD 114.50');
    await expect(page.getByTestId('shift-closed-difference')).toHaveText('Short USD 0.50');
    const zNumber = (await page.getByTestId('shift-z-number').textContent())!;
    expect(zNumber).toMatch(/^[A-Z0-9]{2,8}-Z000001$/);
    await tillShots(page, `${appHost}-shift-closed`);

    // The Z-report PDF: expected, counted, difference, sales count, by clerk.
    const z = await downloadedPdfText(page, () => page.getByTestId('shift-z-save').click());
    expect(z.name).toBe(`z-report-${zNumber}.pdf`);
    expect(z.text).toContain('Z-REPORT');
    expect(z.text).toContain(zNumber);
    expect(z.text).toMatch(/Expected cash\s+USD 115\.00/);
    expect(z.text).toMatch(/Counted cash\s+USD 114\.50/);
    expect(z.text).toMatch(/Difference \(short\)\s+-USD 0\.50/);
    expect(z.text).toMatch(/Sales count\s+2/);
    expect(z.text).toMatch(/Cash out\s+-USD 15\.00/);
    expect(z.text).toContain('By clerk');
    expect(z.text).toMatch(/Maya Manager\s*\n\s*Sales \(2\)\s+USD 20\.00/);

    // The close syncs; the past shifts list it with its Z-report.
    await page.getByTestId('shift-closed-done').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Open a shift' })).toBeVisible();
    await page.getByTestId('reports-tab-shifts').click();
    await expect(page.getByTestId('shift-history')).toContainText(zNumber);
    await expect(page.getByTestId('shift-history')).toContainText('Synced', { timeout: 20_000 });
    await tillShots(page, `${appHost}-shift-history`);
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
