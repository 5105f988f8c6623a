import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Package } from '../../core/sync/protocol';
import type { SaleCreateOutcome } from '../../core/contract/types/sales';
import { SCREENS } from '../../renderer/src/app/screens';
import { expect, startCentralApi, test } from './fixtures';
import { callContract, createFirstManager, enrollWithCode, generateSeries, signIn } from './flows';
import { freePort } from './free-port';
import { createTenant } from './operator-api';
import { toastSaying } from './page-checks';

const shots = 'test-results/a11y';

/** The till sizes every screen is checked at. */
const VIEWPORTS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
] as const;

/**
 * axe-core (wcag2a, wcag2aa, wcag21aa) on the page as it is now: fails on any serious or critical violation, naming
 * the rule and the elements so the failure says what to fix.
 */
async function expectAxeClean(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} -> ${v.nodes
          .slice(0, 4)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  expect.soft(serious, `axe on ${where}`).toEqual([]);
}

/** One focus indicator that is missing, too faint against the surface it sits on, or clipped. */
interface FocusProblem {
  readonly element: string;
  readonly problem: string;
}

/**
 * Checks the focused element's focus indicator: an outline (or, for fields, the ring drawn with box-shadow) that is
 * at least 3:1 against the surface it is drawn on (the parent's background for a ring outside the element, its own
 * for one inside), and not cut off by an ancestor that clips its overflow.
 */
function focusRingProblem(page: Page): Promise<FocusProblem | null> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const p = m[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p[3] ?? 1];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
        1,
      ];
    };
    /** The opaque colour an element's box shows: its background over its ancestors', over white. */
    const surface = (el: Element | null): Rgba => {
      const chain: Rgba[] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg && bg[3] > 0) chain.push(bg);
        if (bg && bg[3] === 1) break;
      }
      return chain.reduceRight<Rgba>((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const lum = (c: Rgba): number => {
      const ch = c
        .slice(0, 3)
        .map((v) => v / 255)
        .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
    };
    const contrast = (a: Rgba, b: Rgba): number => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const name = `${el.tagName.toLowerCase()}${el.dataset['testid'] ? `[${el.dataset['testid']}]` : ''} "${(
      el.getAttribute('aria-label') ??
      el.textContent ??
      ''
    )
      .trim()
      .slice(0, 30)}"`;
    if (el.tagName === 'H1' || el.tagName === 'H2' || el.tagName === 'DIALOG') return null;
    const cs = getComputedStyle(el);
    const width = parseFloat(cs.outlineWidth);
    const offset = parseFloat(cs.outlineOffset);
    if (cs.outlineStyle === 'none' || width < 2) return { element: name, problem: 'no focus outline' };
    const ring = parse(cs.outlineColor)!;
    const behind = offset >= 0 ? surface(el.parentElement) : surface(el);
    const ratio = contrast(over(ring, behind), behind);
    if (ratio < 3) return { element: name, problem: `focus ring ${ratio.toFixed(2)}:1 against its surface` };
    // Clipped: an ancestor that hides overflow cuts into the ring's box.
    const r = el.getBoundingClientRect();
    const grow = offset + width - 0.5;
    const box = { l: r.left - grow, t: r.top - grow, r: r.right + grow, b: r.bottom + grow };
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      const clipsX = s.overflowX !== 'visible';
      const clipsY = s.overflowY !== 'visible';
      if (!clipsX && !clipsY) continue;
      const ar = a.getBoundingClientRect();
      const inner = {
        l: ar.left + a.clientLeft,
        t: ar.top + a.clientTop,
        r: ar.left + a.clientLeft + a.clientWidth,
        b: ar.top + a.clientTop + a.clientHeight,
      };
      // A scroll container clips what is scrolled out of view: only a ring cut at an edge it cannot scroll counts.
      const canScrollX = a.scrollWidth > a.clientWidth && s.overflowX !== 'hidden' && s.overflowX !== 'clip';
      const canScrollY =
        a.scrollHeight > a.clientHeight && s.overflowY !== 'hidden' && s.overflowY !== 'clip';
      const cutX = clipsX && !canScrollX && (box.l < inner.l || box.r > inner.r);
      const cutY = clipsY && !canScrollY && (box.t < inner.t || box.b > inner.b);
      if (cutX || cutY)
        return { element: name, problem: `focus ring clipped by ${a.className || a.tagName}` };
    }
    return null;
  });
}

/** Tabs through the screen from its heading and checks every focus ring it meets (at most `stops` stops). */
async function checkFocusRings(page: Page, where: string, stops = 30): Promise<void> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    // Past the last control the browser's own UI takes the focus: the end of this screen's Tab order.
    if (await page.evaluate(() => document.activeElement === document.body)) break;
    const p = await focusRingProblem(page);
    if (p && !seen.has(p.element)) {
      seen.add(p.element);
      problems.push(`${p.element}: ${p.problem}`);
    }
  }
  expect.soft(problems, `focus rings on ${where}`).toEqual([]);
}

/** Goes to a screen by the navigation and waits until it is shown. */
async function openScreen(page: Page, screen: (typeof SCREENS)[number]): Promise<void> {
  await page.getByTestId(`nav-${screen.id}`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.label);
}

for (const viewport of VIEWPORTS) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`axe-core and focus rings at ${size}: gate screens, every screen of the navigation, and the dialogs`, async ({
    app,
  }) => {
    test.setTimeout(240_000);
    mkdirSync(shots, { recursive: true });
    const { page } = app;
    await page.setViewportSize(viewport);
    const tenant = await createTenant(app.apiUrl, { credits: 100_000 });

    await expect(page.getByRole('heading', { name: 'Set up this terminal' })).toBeVisible();
    await expectAxeClean(page, 'enrollment');
    await enrollWithCode(page, app.apiUrl, tenant.code);
    await expectAxeClean(page, 'first manager');
    await createFirstManager(page, 'Maya Manager', '246802');

    for (const screen of SCREENS) {
      await openScreen(page, screen);
      await expect(page.getByTestId('status-online')).toHaveText('Online');
      await expectAxeClean(page, `${screen.label} screen`);
      if (screen.id === 'sell' || screen.id === 'sync')
        await page.screenshot({ path: `${shots}/${size}-${screen.id}.png` });
      await page.getByRole('heading', { level: 1 }).focus();
      await checkFocusRings(page, `${screen.label} screen`);
    }
    // The navigation's own rings (dark surface).
    await page.getByTestId('nav-sell').focus();
    await checkFocusRings(page, 'navigation', SCREENS.length);

    // Sell with a package chosen, an account typed, and the confirm-the-number step open.
    await openScreen(page, SCREENS[0]);
    const packages = await callContract<Package[]>(page, 'catalog.packages', {});
    await page.getByTestId(`package-${packages[0]!.code}`).click();
    // Not by colour alone: the chosen tile says so in words, a starred package has a filled star (an outline one when not).
    const tile = page
      .locator('.package-tile')
      .filter({ has: page.getByTestId(`package-${packages[0]!.code}`) });
    await expect(tile).toContainText('Chosen');
    await expect(page.locator('.package-tile', { hasText: 'Chosen' })).toHaveCount(1);
    const star = tile.getByRole('button', { name: /^(Star|Unstar) / });
    await expect(star).toHaveText('☆');
    await star.click();
    await expect(star).toHaveText('★');
    await expect(star).toHaveAttribute('aria-pressed', 'true');
    await star.click();
    await expect(star).toHaveText('☆');
    await page.getByTestId('sale-account').fill('5551234567');
    await page.getByTestId('sale-account').press('Enter');
    await expect(page.getByTestId('confirm-number')).toBeVisible();
    await expectAxeClean(page, 'confirm the number');
    await checkFocusRings(page, 'confirm the number', 3);
    // Esc goes back to the number, wherever Tab left the focus, and keeps the sale.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('confirm-number')).toHaveCount(0);
    await expect(page.getByTestId('sale-account')).toHaveValue('5551234567');

    // A field error shown on Sell.
    await page.getByTestId('sale-account').fill('12');
    await expect(page.getByTestId('sale-account-error')).toBeVisible();
    // Announced as it appears.
    await expect(page.getByTestId('sale-account-error')).toHaveAttribute('role', 'alert');
    await expectAxeClean(page, 'Sell with a field error');
    await page.getByTestId('sale-account').fill('5551234567');

    // The shortcut sheet over Sell: its Esc closes it and leaves the half-entered sale alone.
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
    await expectAxeClean(page, 'shortcut sheet');
    await checkFocusRings(page, 'shortcut sheet', 2);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
    await expect(page.getByTestId('sale-account')).toHaveValue('5551234567');
    await expect(page.getByTestId('sale-package')).toHaveText(packages[0]!.name);

    // The refund step of a sale's details.
    const sold = await callContract<SaleCreateOutcome>(page, 'sales.create', {
      packageId: packages[0]!.id,
      customerAccount: '+15550007777',
      quantity: 1,
    });
    expect(sold.outcome).toBe('confirmed');
    await openScreen(
      page,
      SCREENS.find((s) => s.id === 'sales')!,
    );
    await page.getByTestId(`sale-row-${sold.sale!.saleNumber}`).click();
    await page.getByTestId('refund-start').click();
    await expect(page.getByTestId('refund-confirm')).toBeVisible();
    await expectAxeClean(page, 'refund confirmation');

    // Cards: the edit and delete dialogs over a small series.
    await generateSeries(page, { amount: 100, quantity: 3, prefix: '733' });
    await openScreen(
      page,
      SCREENS.find((s) => s.id === 'cards')!,
    );
    const firstRow = page.locator('[data-testid^="card-row-"]').first();
    await expect(firstRow).toBeVisible();
    await firstRow.getByTestId('card-check').click();
    await page.getByTestId('cards-edit').click();
    await expect(page.getByTestId('edit-apply')).toBeVisible();
    await expectAxeClean(page, 'cards edit dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('edit-apply')).toHaveCount(0);
    await page.getByTestId('cards-delete').click();
    await expect(page.getByTestId('delete-submit')).toBeVisible();
    await expectAxeClean(page, 'cards delete dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('delete-submit')).toHaveCount(0);

    // Sign-in, after signing out.
    await page.getByTestId('sign-out').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByTestId('signin-pin')).toBeVisible();
    await page.screenshot({ path: `${shots}/${size}-signin.png` });
    expect((await page.locator('.gate').boundingBox())!.width).toBeGreaterThanOrEqual(viewport.width - 1);
    await expectAxeClean(page, 'sign-in');
    await checkFocusRings(page, 'sign-in', 8);
    await signIn(page, 'Maya Manager', '246802');
  });
}

test('the Lock button and Alt+L lock the till; axe-core on the lock screen and on the token problem screen (browser mode)', async ({
  app,
  appHost,
  browser,
}) => {
  const { page } = app;
  await page.setViewportSize(VIEWPORTS[0]);
  const tenant = await createTenant(app.apiUrl);
  await enrollWithCode(page, app.apiUrl, tenant.code);
  await createFirstManager(page, 'Maya Manager', '246802');
  const locked = page.getByRole('heading', { level: 1, name: 'Locked — sign in to continue' });
  // A half-entered sale, then the clerk steps away and locks the till (the lock screen is the one auto-lock shows;
  // its timer is tested in test/integration/terminal/clerks-session.test.ts).
  await page.getByTestId('sale-account').fill('5551234567');
  await page.getByTestId('lock').click();
  await expect(locked).toBeVisible();
  await expectAxeClean(page, 'lock screen');
  await signIn(page, 'Maya Manager', '246802');
  await expect(page.getByTestId('sale-account')).toHaveValue('5551234567');
  // The same from the keyboard, from inside a text field.
  await page.getByTestId('sale-account').focus();
  await page.keyboard.press('Alt+L');
  await expect(locked).toBeVisible();
  await signIn(page, 'Maya Manager', '246802');
  await expect(page.getByTestId('sale-account')).toHaveValue('5551234567');
  // And over the shortcut sheet (opened on Sales, whose heading keeps the focus), which closes with the lock instead
  // of coming back at the next sign-in.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sales');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await page.keyboard.press('Alt+L');
  await expect(locked).toBeVisible();
  await signIn(page, 'Maya Manager', '246802');
  await expect(page.getByTestId('sale-account')).toHaveValue('5551234567');
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);

  if (appHost !== 'browser') return;
  const origin = new URL(page.url()).origin;
  const context = await browser.newContext({ viewport: VIEWPORTS[0] });
  try {
    const other = await context.newPage();
    await other.goto(`${origin}/`);
    await expect(other.getByTestId('token-problem')).toBeVisible();
    await expectAxeClean(other, 'token problem');
  } finally {
    await context.close();
  }
});

test('at 200% zoom (640x384) the gate screens scroll and nothing is cut off at the top', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 640, height: 384 });
  const tenant = await createTenant(app.apiUrl);
  const heading = page.getByRole('heading', { level: 1 });
  const fullyReachable = async (lastTestId: string): Promise<void> => {
    // Scrolled to the top, the heading starts inside the window; scrolled down, the last control shows in full.
    // The gate has the whole width (no empty navigation column squeezing it).
    expect((await page.locator('.gate').boundingBox())!.width).toBeGreaterThanOrEqual(639);
    await page.locator('.gate').evaluate((g) => g.scrollTo(0, 0));
    expect((await heading.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    const last = page.getByTestId(lastTestId);
    await last.scrollIntoViewIfNeeded();
    const box = (await last.boundingBox())!;
    const statusTop = (await page.getByTestId('status-bar').boundingBox())!.y;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(statusTop + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
  };
  await expect(heading).toHaveText('Set up this terminal');
  await fullyReachable('enroll-submit');
  await page.screenshot({ path: `${shots}/640x384-enrollment.png` });
  await enrollWithCode(page, app.apiUrl, tenant.code);
  await fullyReachable('manager-create');
  await createFirstManager(page, 'Maya Manager', '246802');
  await page.getByTestId('sign-out').click();
  await expect(heading).toHaveText('Sign in');
  await fullyReachable('signin-submit');
  await page.screenshot({ path: `${shots}/640x384-signin.png` });
});

test('focus goes to the new screen’s heading after each screen change and stays put after Sync now', async ({
  app,
}) => {
  const { page } = app;
  const tenant = await createTenant(app.apiUrl);
  await enrollWithCode(page, app.apiUrl, tenant.code);
  await createFirstManager(page, 'Maya Manager', '246802');
  // Where the focus is: the heading ("H1:Sell"), a field inside the current screen ("field"), or anything else.
  const focused = (): Promise<string> =>
    page.evaluate(() => {
      const el = document.activeElement;
      if (el?.tagName === 'H1') return `H1:${el.textContent?.trim() ?? ''}`;
      if (el && el.closest('main') && ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return 'field';
      return el ? `${el.tagName}:${el.textContent?.trim() ?? ''}` : 'none';
    });
  // Sell and Redeem put the cursor in their account field (the scanner's), and the Reports screen opens on the
  // shift's float count, whose first field takes it once the shift has loaded: a screen's own first field keeps the
  // focus, every other screen gets its heading; never <body> or the navigation.
  const expected = (screen: (typeof SCREENS)[number]): RegExp =>
    screen.id === 'sell' || screen.id === 'redeem'
      ? /^field$/
      : screen.id === 'reports'
        ? new RegExp(`^(H1:${screen.label}|field)$`)
        : new RegExp(`^H1:${screen.label}$`);
  for (const screen of [...SCREENS].reverse()) {
    await page.keyboard.press(`Alt+${screen.key}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(screen.label);
    await expect.poll(focused).toMatch(expected(screen));
  }
  // (The keyboard round ended on the first screen: clicking starts from the second, so each click changes screen.)
  for (const screen of [...SCREENS.slice(1), SCREENS[0]]) {
    await page.getByTestId(`nav-${screen.id}`).click();
    await expect.poll(focused).toMatch(expected(screen));
  }
  await page.keyboard.press('Alt+7');
  await page.getByTestId('sync-now').focus();
  await page.keyboard.press('Enter');
  await expect(toastSaying(page, 'Synced')).toBeVisible();
  await expect(page.getByTestId('sync-now')).toBeFocused();
});

test('the status bar announces going offline and coming back, not every sync tick', async ({ launch }) => {
  test.setTimeout(150_000);
  const port = await freePort();
  let api = await startCentralApi({ port });
  const dataDir = api.dataDir;
  try {
    const tenant = await createTenant(api.url, { credits: 100_000 });
    const { page } = await launch(api.url);
    await enrollWithCode(page, api.url, tenant.code);
    await createFirstManager(page, 'Maya Manager', '246802');
    await expect(page.getByTestId('status-online')).toHaveText('Online');
    const bar = page.getByTestId('status-bar');
    // Record every change inside a live region of the status bar (what a screen reader would read out).
    await page.evaluate(() => {
      const w = window as unknown as { liveChanges: string[] };
      w.liveChanges = [];
      const live = '[aria-live]:not([aria-live="off"]),[role="status"],[role="alert"],[role="log"]';
      new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target instanceof Element ? r.target : r.target.parentElement;
          const region = el?.closest(live);
          if (region && region.closest('[data-testid="status-bar"]'))
            w.liveChanges.push(region.textContent ?? '');
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    // Sync ticks that change the figures: a sale (credits, pending) and syncs.
    const balanceBefore = await page.getByTestId('status-balance').textContent();
    const packages = await callContract<Package[]>(page, 'catalog.packages', {});
    await callContract(page, 'sales.create', {
      packageId: packages[0]!.id,
      customerAccount: '+15550001111',
      quantity: 1,
    });
    await callContract(page, 'sync.now', {});
    await callContract(page, 'sync.now', {});
    await expect(page.getByTestId('status-balance')).not.toHaveText(balanceBefore!);
    expect(await page.evaluate(() => (window as unknown as { liveChanges: string[] }).liveChanges)).toEqual(
      [],
    );

    // Offline: said once, with the reason.
    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 20_000 });
    const announcer = bar.getByTestId('status-announcement');
    await expect(announcer).toHaveText(/^Offline/);
    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });
    await expect(announcer).toHaveText('Back online.');
  } finally {
    await api.stop();
  }
});
