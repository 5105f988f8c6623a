import { mkdirSync } from 'node:fs';
import { SCREENS } from '../../renderer/src/app/screens';
import { expect, test } from './fixtures';
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
