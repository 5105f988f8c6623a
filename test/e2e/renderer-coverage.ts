import type { Page } from '@playwright/test';
import { CoverageReport, type CoverageReportOptions, type CoverageResults } from 'monocart-coverage-reports';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The renderer's coverage from the E2E run: V8 coverage of each browser-mode page (Chromium), mapped back through the
 * bundle's source map to `renderer/src`, merged over every test in `.data/coverage/renderer` (lcov and a summary). Off with
 * REFILL_E2E_COVERAGE=0; the Electron project is not measured (its window is not a Playwright-launched Chromium).
 */
export const RENDERER_COVERAGE_ON = process.env.REFILL_E2E_COVERAGE !== '0';

/** Lines of `renderer/src` the whole E2E run must execute, percent (issue 16). */
export const RENDERER_MIN_LINES = 70;

const root = resolve(import.meta.dirname, '../..');

/** The one origin every test's copy of the bundle is reported under. */
const BUNDLE_ORIGIN = 'http://renderer.e2e';

function options(): CoverageReportOptions {
  return {
    name: 'Renderer coverage (E2E, browser mode)',
    outputDir: resolve(root, '.data/coverage/renderer'),
    reports: ['console-summary', 'lcovonly', 'json-summary'],
    // The app's own bundle only (its assets), mapped to the renderer's sources.
    entryFilter: (entry) => /\/assets\/[^/]+\.js(\?|$)/.test(entry.url),
    sourceFilter: (sourcePath) => sourcePath.includes('renderer/src/'),
    sourcePath: (filePath) => filePath.replace(/^.*?(renderer\/src\/)/, '$1'),
  };
}

/** Starts collecting a page's coverage (before it loads the app). */
export async function startRendererCoverage(page: Page): Promise<void> {
  if (RENDERER_COVERAGE_ON) await page.coverage.startJSCoverage({ resetOnNavigation: false });
}

/** Stops a page's coverage and adds it to the run's (kept on disk until the run's teardown reports it). */
export async function collectRendererCoverage(page: Page): Promise<void> {
  if (!RENDERER_COVERAGE_ON || page.isClosed()) return;
  const coverage = await page.coverage.stopJSCoverage();
  // Every test's app serves the same bundle from its own port: one URL for all (and the source map read from the
  // build), so the report merges each script's counts over the whole run instead of keeping per-port copies apart.
  const entries = coverage.map((entry) => {
    const path = new URL(entry.url).pathname;
    const mapFile = resolve(root, 'out/renderer', `.${path}.map`);
    return {
      ...entry,
      url: `${BUNDLE_ORIGIN}${path}`,
      ...(existsSync(mapFile) ? { sourceMap: JSON.parse(readFileSync(mapFile, 'utf8')) as unknown } : {}),
    };
  });
  await new CoverageReport(options()).add(entries);
}

/** Forgets what an earlier run collected (global setup). */
export function cleanRendererCoverage(): void {
  if (RENDERER_COVERAGE_ON) new CoverageReport(options()).cleanCache();
}

/**
 * Reports the run's renderer coverage and answers the line percentage (null when nothing was collected).
 */
export async function reportRendererCoverage(): Promise<CoverageResults | undefined> {
  if (!RENDERER_COVERAGE_ON) return undefined;
  return new CoverageReport(options()).generate();
}
