/**
 * Renders resources/icon.svg to resources/icon.png (512x512, transparent corners), the app icon electron-builder
 * packages. Run after changing the SVG: `npx tsx scripts/render-app-icon.ts`. Uses Debian's Chromium
 * (`/usr/bin/chromium`, or CHROMIUM_PATH) through Playwright, as the E2E tests do.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const SIZE = 512;
const root = resolve(fileURLToPath(import.meta.url), '../..');
const svgFile = resolve(root, 'resources/icon.svg');
const pngFile = resolve(root, 'resources/icon.png');

const svg = await readFile(svgFile, 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${SIZE}" height="${SIZE}" style="display:block"></body></html>`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  const png = await page.screenshot({
    omitBackground: true,
    clip: { x: 0, y: 0, width: SIZE, height: SIZE },
  });
  await writeFile(pngFile, png);
  console.log(`wrote ${pngFile} (${SIZE}x${SIZE}, ${png.length} bytes)`);
} finally {
  await browser.close();
}
