import { mkdirSync } from 'node:fs';
import { SCREENS } from '../../renderer/src/app/screens';
import { E2E_OPERATOR_KEY, expect, test } from './fixtures';
import { enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

const shots = 'test-results/screens/sizes';
mkdirSync(shots, { recursive: true });

/** The till sizes issue 13 names: no screen scrolls sideways at any of them, and Sell's Confirm is always in view. */
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

test('every screen fits 1024x768, 1366x768 and 1920x1080: no sideways scroll, Confirm in view on Sell', async ({
  app,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const screen of SCREENS) {
      await page.keyboard.press(`Alt+${screen.key}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.label);
      const where = `${screen.label} at ${size.width}x${size.height}`;
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(
        scrollWidth,
        `${where}: page ${scrollWidth} px wide in a ${innerWidth} px window`,
      ).toBeLessThanOrEqual(innerWidth);
      if (screen.id === 'sell') {
        const box = await page.getByTestId('sale-confirm').evaluate((b) => {
          const r = b.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, right: r.right, h: innerHeight, w: innerWidth };
        });
        expect(box.top, `${where}: Confirm top`).toBeGreaterThanOrEqual(0);
        expect(box.bottom, `${where}: Confirm below the window`).toBeLessThanOrEqual(box.h);
        expect(box.right, `${where}: Confirm right of the window`).toBeLessThanOrEqual(box.w);
      }
      await page.screenshot({ path: `${shots}/${screen.id}-${size.width}x${size.height}.png` });
    }
  }
});

test('a package price stays on one line inside its tile at every size, however long the figure', async ({
  app,
}) => {
  const { page } = app;
  // A shop selling in rupiah: its catalog's figures run to 14 characters ("IDR 250,000.00").
  const tenant = await createTenant(app.apiUrl, { currency: 'IDR', credits: 1_000_000_000 });
  for (const [code, price] of [
    ['IDR5K', 500_000],
    ['IDR250K', 25_000_000],
  ] as const) {
    const res = await fetch(`${app.apiUrl}/v1/operator/packages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${E2E_OPERATOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        code: `${code}-${tenant.resellerId.slice(-6)}`,
        name: `Pulsa ${code}`,
        kind: 'topup',
        faceValue: price,
        wholesalePrice: price - 1,
        retailPrice: price,
        currency: 'IDR',
        validityDays: null,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.locator('.package-price', { hasText: '250,000' }).first()).toBeVisible();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const prices = await page.locator('.package-tile').evaluateAll((tiles) =>
      tiles.map((tile) => {
        const price = tile.querySelector('.package-price')!;
        const p = price.getBoundingClientRect();
        const t = tile.querySelector('.package-main')!.getBoundingClientRect();
        return { text: price.textContent, p, t };
      }),
    );
    expect(prices.length).toBeGreaterThanOrEqual(2);
    for (const { text, p, t } of prices) {
      const where = `${text} at ${size.width}x${size.height}`;
      expect(p.left, `${where}: left`).toBeGreaterThanOrEqual(t.left);
      expect(p.right, `${where}: runs out of its tile`).toBeLessThanOrEqual(t.right);
      // One line (a 20 px figure's line is about 24 px; two would be 48).
      expect(p.height, `${where}: wraps`).toBeLessThan(40);
    }
    await page.screenshot({ path: `${shots}/sell-idr-${size.width}x${size.height}.png` });
  }
});
