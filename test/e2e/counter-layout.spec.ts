import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { confirmNumber, enrollAndSignIn } from './flows';
import { freePort } from './free-port';
import { createTenant } from './operator-api';

const shots = 'test-results/screens';
mkdirSync(shots, { recursive: true });

/** Common till screens: two landscape sizes and a portrait tablet. */
const SIZES = [
  { name: '1024x768', width: 1024, height: 768 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '800x1280', width: 800, height: 1280 },
] as const;

/** The page never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: page width ${scrollWidth} > window ${innerWidth}`).toBeLessThanOrEqual(
    innerWidth,
  );
}

/** Confirm is inside the window, whole, without scrolling. */
async function expectConfirmVisible(page: Page, where: string): Promise<void> {
  const box = await page.getByTestId('sale-confirm').evaluate((b) => {
    const r = b.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, h: innerHeight, w: innerWidth };
  });
  expect(box.top, `${where}: Confirm top`).toBeGreaterThanOrEqual(0);
  expect(box.bottom, `${where}: Confirm below the window`).toBeLessThanOrEqual(box.h);
  expect(box.right, `${where}: Confirm right of the window`).toBeLessThanOrEqual(box.w);
}

/** Every item of the status bar lies whole inside the window (none cut off at the right or the bottom). */
async function expectStatusBarFits(page: Page, where: string): Promise<void> {
  const cut = await page.getByTestId('status-bar').evaluate((bar) => {
    const box = bar.getBoundingClientRect();
    return [...bar.querySelectorAll('[data-testid^="status-"]')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > Math.min(box.right, innerWidth) + 1 || r.bottom > box.bottom + 1;
      })
      .map((el) => el.textContent);
  });
  expect(cut, `${where}: status bar items cut off`).toEqual([]);
}

/** Every text of the element's cells with a phone number sits on one line. */
async function expectNumbersOnOneLine(page: Page, testId: string): Promise<void> {
  const wrapped = await page.getByTestId(testId).evaluate((root) =>
    [...root.querySelectorAll('.mono')]
      .filter((el) => /\d{6,}/.test(el.textContent ?? ''))
      .filter((el) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        return tops.size > 1;
      })
      .map((el) => el.textContent),
  );
  expect(wrapped, `${testId}: numbers wrapped mid-number`).toEqual([]);
}

test('Sell and Sales fit common till sizes: no sideways scroll, Confirm visible, numbers whole', async ({
  app,
  appHost,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('package-TOPUP10')).toBeVisible();
  // A sale with cash so the result (with its change) shows above the form, as after every sale.
  await page.getByTestId('package-TOPUP10').click();
  await page.getByTestId('sale-account').fill('+5551239999123');
  await page.getByTestId('sale-tendered').fill('20');
  await page.keyboard.press('Enter');
  await confirmNumber(page);
  await expect(page.getByTestId('sale-result-status')).toHaveText('Confirmed online');
  const saleNumber = (await page.getByTestId('sale-result-number').textContent())!;

  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.keyboard.press('Alt+1');
    await page.getByTestId('package-TOPUP20').click();
    await page.getByTestId('sale-account').fill('+5551239999124');
    await expectNoSidewaysScroll(page, `Sell ${size.name}`);
    await expectConfirmVisible(page, `Sell ${size.name}`);
    await expectStatusBarFits(page, `Sell ${size.name}`);
    await page.screenshot({ path: `${shots}/${appHost}-counter-sell-${size.name}.png` });

    await page.keyboard.press('Alt+4');
    await page.getByTestId(`sale-row-${saleNumber}`).click();
    await expect(page.getByTestId('sale-details')).toBeVisible();
    await expectNoSidewaysScroll(page, `Sales ${size.name}`);
    await expectNumbersOnOneLine(page, 'sales-table');
    // The whole table shows: no column cut off by the window or by its own scroll box.
    const table = await page.getByTestId('sales-table').evaluate((t) => ({
      right: t.getBoundingClientRect().right,
      boxRight: t.parentElement!.getBoundingClientRect().right,
      w: document.documentElement.clientWidth,
    }));
    expect(table.right, `Sales table cut off at ${size.name}`).toBeLessThanOrEqual(
      Math.min(table.w, table.boxRight) + 1,
    );
    await expectNumbersOnOneLine(page, 'sale-details');
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.x, `Sales heading cut at ${size.name}`).toBeGreaterThanOrEqual(0);
    const save = await page
      .getByTestId('sale-details')
      .getByTestId('receipt-save')
      .evaluate((b) => {
        const r = b.getBoundingClientRect();
        return { right: r.right, w: innerWidth };
      });
    expect(save.right, `Save PDF clipped at ${size.name}`).toBeLessThanOrEqual(save.w);
    await page.screenshot({ path: `${shots}/${appHost}-counter-sales-${size.name}.png` });
  }

  // Offline with a reason: the status bar shows the reason whole at every size.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.keyboard.press('Alt+8');
  const dead = `http://127.0.0.1:${await freePort()}`;
  await page.getByTestId('settings-api-url').fill(dead);
  await page.getByTestId('settings-api-url-save').click();
  await expect(page.getByTestId('status-reason')).toHaveText(`Cannot reach ${dead} (connection refused).`);
  await page.keyboard.press('Alt+1');
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const reason = await page.getByTestId('status-reason').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { cut: el.scrollWidth > el.clientWidth + 1, right: r.right, w: innerWidth };
    });
    expect(reason.cut, `status reason cut at ${size.name}`).toBe(false);
    expect(reason.right).toBeLessThanOrEqual(reason.w);
    await expectNoSidewaysScroll(page, `Sell offline ${size.name}`);
    await expectConfirmVisible(page, `Sell offline ${size.name}`);
    await expectStatusBarFits(page, `Sell offline ${size.name}`);
    await page.screenshot({ path: `${shots}/${appHost}-counter-offline-${size.name}.png` });
  }
});
