import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { Page, Route } from '@playwright/test';
import type { CardRow } from '../../core/contract/types/cards';
import { expect, startCentralApi, test } from './fixtures';
import { freePort } from './free-port';
import { callContract, enrollAndSignIn } from './flows';
import { createAffiliate, createTenant, serverBalance } from './operator-api';

mkdirSync('test-results/screens', { recursive: true });

const STATUSES: CardRow['status'][] = ['new', 'new', 'new', 'activated', 'expired', 'void'];

/** A made-up card for row `i` of a 100,000-card table (only the UI test of the virtualized table uses these). */
function fakeCard(i: number): CardRow {
  const status = STATUSES[i % STATUSES.length]!;
  const hex = i.toString(16).padStart(12, '0');
  return {
    id: `0190a000-0000-7000-8000-${hex}`,
    serial: `101-${String(i).padStart(7, '0')}${i % 10}`,
    seriesId: '0190a000-0000-7000-8000-aaaaaaaaaaaa',
    ownerId: '0190a000-0000-7000-8000-bbbbbbbbbbbb',
    amount: 1000,
    currency: 'USD',
    status,
    validity: i % 50 === 7 ? 'not_yet_valid' : i % 97 === 5 ? 'void_rejected' : 'valid',
    expiresAt: '2027-11-30T23:59:59.000Z',
    activatedAt: status === 'activated' ? '2026-11-20T10:15:00.000Z' : null,
    customerId: status === 'activated' ? '0190a000-0000-7000-8000-cccccccccccc' : null,
    createdAt: '2026-11-01T09:00:00.000Z',
    pinHeld: true,
  };
}

/** Rasterises a PDF at 300 dpi and decodes every barcode on it (pdftoppm + zbarimg). */
function decodedSerials(pdf: string): string[] {
  const dir = `${pdf}.pages`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-r', '300', '-png', pdf, `${dir}/page`]);
  const out = execFileSync('sh', ['-c', `zbarimg --raw -q ${dir}/page*.png || true`], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.trim().length > 0);
}

/** Serves `cards.list` from a made-up table of `total` cards and counts the distinct windows asked for. */
async function serveFakeCards(page: Page, total: number): Promise<{ windows: () => number }> {
  const offsets = new Set<number>();
  await page.route('**/rpc/cards.list', async (route: Route) => {
    const input = route.request().postDataJSON() as { offset?: number; limit?: number };
    const offset = input.offset ?? 0;
    const limit = Math.min(500, input.limit ?? 100);
    offsets.add(offset);
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) =>
      fakeCard(offset + k),
    );
    await route.fulfill({ json: { ok: true, value: { rows, total, offset } } });
  });
  return { windows: () => offsets.size };
}

test('the cards table stays light at 100,000 rows: windows load by offset as it scrolls', async ({
  app,
  appHost,
}) => {
  test.skip(appHost !== 'browser', 'routes the browser-mode HTTP contract');
  const tenant = await createTenant(app.apiUrl);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  const served = await serveFakeCards(page, 100_000);

  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('cards-total')).toHaveText('100,000 cards');
  await expect(page.getByTestId('card-row-101-00000000')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/cards-100k-1280.png' });

  // Jump to the middle: the rows there load (placeholders first), and only a screenful of rows exists in the DOM.
  const table = page.getByTestId('cards-table');
  await table.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(page.getByTestId('card-row-101-00500000')).toBeVisible();
  expect(await page.locator('[data-testid^="card-row-"]').count()).toBeLessThan(80);
  await table.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(page.getByTestId('card-row-101-00999999')).toBeVisible();
  // A handful of windows (the table reloads the visible ones after each sync round), never one call per row.
  expect(served.windows()).toBeLessThan(10);

  // Keyboard: Home goes back to the top; Space selects the row under the cursor, Shift+click extends the range.
  await table.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('card-row-101-00000000')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('selection-text')).toHaveText('1 selected');
  await page
    .getByTestId('card-row-101-00000055')
    .getByTestId('card-check')
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-text')).toHaveText('6 selected');
  await page.getByTestId('select-all-matching').click();
  await expect(page.getByTestId('selection-text')).toHaveText('All 100,000 matching cards selected');

  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'test-results/screens/cards-100k-1024.png' });
});

test('a manager generates a series with progress, filters, edits the expiry, deletes, reveals a PIN and exports', async ({
  app,
  appHost,
}) => {
  test.setTimeout(180_000);
  const tenant = await createTenant(app.apiUrl, { credits: 100_000 });
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');

  await page.keyboard.press('Alt+3');
  await expect(page.getByTestId('cards-empty')).toBeVisible();

  // New series (F2): short PINs show their odds and a warning; the default 12 digits does not warn.
  await page.keyboard.press('F2');
  const dialog = page.getByTestId('series-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('series-amount').fill('1');
  await page.getByTestId('series-quantity').fill('300');
  await page.getByTestId('series-prefix').fill('731');
  await page.getByTestId('series-pin-length').fill('6');
  await expect(page.getByTestId('series-odds')).toContainText('1 in 1,000,000 per guess');
  await expect(page.getByTestId('series-odds')).toContainText('Longer PINs are safer');
  await dialog.screenshot({ path: `test-results/screens/${appHost}-series-form-short-pin.png` });
  await page.getByTestId('series-pin-length').fill('12');
  await expect(page.getByTestId('series-odds')).toContainText('1 in 1,000,000,000,000 per guess');
  await expect(page.getByTestId('series-odds')).not.toContainText('Longer PINs are safer');
  await expect(page.getByTestId('series-total')).toContainText('USD 300.00');
  await page.getByTestId('series-amount').press('Enter');

  // The job answers at once; the progress bar follows it to the end.
  await expect(dialog.getByTestId('series-progress')).toBeVisible();
  await page.screenshot({ path: `test-results/screens/${appHost}-series-progress.png` });
  await expect(dialog.getByTestId('series-phase')).toHaveText('Done', { timeout: 60_000 });
  await expect(dialog.getByTestId('series-count')).toContainText('300 / 300 cards');
  await page.getByTestId('series-show').click();
  await expect(page.getByTestId('cards-total')).toHaveText('300 cards match');
  const rows = page.locator('[data-testid^="card-row-"]');
  await expect(rows.first()).toBeVisible();
  const serials = await page.getByTestId('card-serial').allTextContents();
  expect(serials[0]).toMatch(/^731-\d{8}$/);
  await page.screenshot({ path: `test-results/screens/${appHost}-cards.png` });

  // Filter (F3): a serial range, Enter applies.
  await page.keyboard.press('F3');
  await page.getByTestId('search-serial-from').fill(serials[0]!);
  await page.getByTestId('search-serial-to').fill(serials[9]!);
  await page.getByTestId('search-serial-to').press('Enter');
  await expect(page.getByTestId('cards-total')).toHaveText('10 cards match');
  await page.getByTestId('search-status').selectOption('activated');
  await page.getByTestId('search-status').press('Enter');
  await expect(page.getByTestId('cards-empty')).toHaveText('No cards match this search.');
  await page.getByTestId('search-status').selectOption('new');
  await page.getByTestId('search-apply').click();
  await expect(page.getByTestId('cards-total')).toHaveText('10 cards match');

  // Mass edit: three rows (click, then Shift+click), expiry set to a date.
  await page.getByTestId(`card-row-${serials[0]}`).getByTestId('card-check').click();
  await page
    .getByTestId(`card-row-${serials[2]}`)
    .getByTestId('card-check')
    .click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-text')).toHaveText('3 selected');
  await page.getByTestId('cards-edit').click();
  await expect(page.getByTestId('edit-target')).toHaveText('3 selected cards');
  await page.getByTestId('edit-date').fill('2031-06-15');
  await page.getByTestId('edit-apply').click();
  await expect(page.getByTestId('edit-result')).toHaveText('3 changed, 0 skipped');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`card-row-${serials[1]}`)).toContainText('2031');
  await expect(page.getByTestId(`card-row-${serials[5]}`)).not.toContainText('2031');

  // Mass edit of the owner: one card moves to an affiliate, whose credits pay its face value.
  const affiliate = await createAffiliate(app.apiUrl, tenant.resellerId, 500);
  await page.getByTestId(`card-row-${serials[6]}`).getByTestId('card-check').click();
  await expect(page.getByTestId('selection-text')).toHaveText('1 selected');
  await page.getByTestId('cards-edit').click();
  await page.getByTestId('edit-preserve').check();
  await page.getByTestId('edit-owner').fill(affiliate);
  await expect(page.getByTestId('edit-owner-set')).toBeChecked();
  await page.screenshot({ path: `test-results/screens/${appHost}-cards-edit-owner.png` });
  await page.getByTestId('edit-apply').click();
  await expect(page.getByTestId('edit-result')).toHaveText('1 changed, 0 skipped');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`card-row-${serials[6]}`)).toContainText(affiliate.slice(0, 8));
  expect(await serverBalance(app.apiUrl, affiliate)).toBe(400);

  // Delete: two selected cards; the button waits for "delete" typed in full.
  await page.getByTestId(`card-row-${serials[8]}`).getByTestId('card-check').click();
  await page.getByTestId(`card-row-${serials[9]}`).getByTestId('card-check').click();
  await page.getByTestId('cards-delete').click();
  await page.getByTestId('delete-confirm-text').fill('delet');
  await expect(page.getByTestId('delete-submit')).toBeDisabled();
  await page.getByTestId('delete-confirm-text').fill('delete');
  await page.getByTestId('delete-submit').click();
  await expect(page.getByTestId('delete-result')).toContainText('Deleted 2 cards; USD 2.00 returned');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('cards-total')).toHaveText('8 cards match');

  // Reveal a PIN (manager, audited): shown grouped, then masked again on Hide.
  const first = page.getByTestId(`card-row-${serials[0]}`);
  await first.getByTestId('card-reveal').click();
  await expect(first.getByTestId('card-pin')).toHaveText(/^\d{4} \d{4} \d{4}$/);
  const cardId = (
    await callContract<{ rows: { id: string; serial: string }[] }>(page, 'cards.list', {
      filter: { serialFrom: serials[0], serialTo: serials[0] },
      offset: 0,
      limit: 1,
    })
  ).rows[0]!.id;
  const { pin } = await callContract<{ pin: string }>(page, 'cards.revealPin', { cardId });
  await expect(first.getByTestId('card-pin')).toHaveText(pin.replace(/(\d{4})(?=\d)/g, '$1 '));
  await page.screenshot({ path: `test-results/screens/${appHost}-cards-revealed.png` });
  await first.getByTestId('card-hide').click();
  await expect(first.getByTestId('card-pin')).toHaveCount(0);

  // CSV export of the search with PINs, and its SHA-256 manifest.
  await page.getByTestId('search-clear').click();
  await expect(page.getByTestId('cards-total')).toHaveText('298 cards');
  await page.keyboard.press('F9');
  await page.getByTestId('export-pins').check();
  const downloads: Promise<import('@playwright/test').Download>[] = [];
  page.on('download', (d) => downloads.push(Promise.resolve(d)));
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-result')).toContainText('298 cards, with PINs');
  await expect.poll(() => downloads.length).toBe(2);
  const [csvDownload, manifestDownload] = await Promise.all(downloads);
  const csv = readFileSync((await csvDownload!.path())!);
  const manifest = readFileSync((await manifestDownload!.path())!, 'utf8');
  expect(manifestDownload!.suggestedFilename()).toBe(`${csvDownload!.suggestedFilename()}.sha256`);
  expect(manifest).toBe(
    `${createHash('sha256').update(csv).digest('hex')}  ${csvDownload!.suggestedFilename()}\n`,
  );
  expect(csv.toString('utf8')).toContain(pin);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: `test-results/screens/${appHost}-cards-1024.png` });
});

test('offline, a series is drawn from the PIN reserve and stays "not yet valid" until it syncs', async ({
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

    // Settings: the reserve fills while online; a manager sets its size.
    await page.keyboard.press('Alt+8');
    const panel = page.getByTestId('reserve-panel');
    await expect(panel.getByTestId('reserve-prefix')).toHaveText(/^\d+$/, { timeout: 20_000 });
    await expect(panel.getByTestId('reserve-free')).not.toHaveText('0');
    const prefix = (await panel.getByTestId('reserve-prefix').textContent())!;
    await panel.getByTestId('reserve-size').fill('1500');
    await panel.getByTestId('reserve-save').click();
    await expect(panel.getByTestId('reserve-target')).toHaveText('1,500');
    await panel.screenshot({ path: `test-results/screens/${appHost}-settings-reserve.png` });

    await api.stop();
    await expect(page.getByTestId('status-online')).toHaveText('Offline', { timeout: 15_000 });
    await page.keyboard.press('Alt+3');
    await page.keyboard.press('F2');
    await expect(page.getByTestId('series-offline')).toContainText('drawn from this terminal’s PIN reserve');
    await expect(page.getByTestId('series-offline')).toContainText(`prefix ${prefix}`);
    await expect(page.getByTestId('series-prefix')).toBeDisabled();
    await expect(page.getByTestId('series-prefix')).toHaveValue(prefix);
    await page.getByTestId('series-amount').fill('2');
    await page.getByTestId('series-quantity').fill('5');
    await page
      .getByTestId('series-dialog')
      .screenshot({ path: `test-results/screens/${appHost}-series-offline.png` });
    await page.getByTestId('series-submit').click();
    await expect(page.getByTestId('series-dialog').getByTestId('series-phase')).toHaveText(
      'Done: drawn from the PIN reserve, not yet valid until synced',
      { timeout: 30_000 },
    );
    await page.getByTestId('series-show').click();
    await expect(page.getByTestId('cards-total')).toHaveText('5 cards match');
    await expect(page.getByTestId('cards-table').getByText('Not yet valid')).toHaveCount(5);
    await page.screenshot({ path: `test-results/screens/${appHost}-cards-not-yet-valid.png` });

    // Still offline: the sheet of the matching cards prints from the PINs on this terminal, every card marked.
    await page.keyboard.press('F6');
    await expect(page.getByTestId('print-dialog')).toBeVisible();
    await page.getByTestId('print-preset').selectOption('card-10');
    const downloaded = page.waitForEvent('download');
    await page.getByTestId('print-start').click();
    const download = await downloaded;
    await expect(page.getByTestId('print-progress')).toContainText('5 / 5 cards');
    await page
      .getByTestId('print-dialog')
      .screenshot({ path: `test-results/screens/${appHost}-print-dialog.png` });
    const pdf = `test-results/${appHost}-offline-sheet.pdf`;
    await download.saveAs(pdf);
    const serials = (
      await callContract<{ rows: { serial: string }[] }>(page, 'cards.list', {
        filter: { validity: 'not_yet_valid' },
        limit: 50,
      })
    ).rows.map((r) => r.serial);
    expect(serials).toHaveLength(5);
    expect(decodedSerials(pdf).sort()).toEqual([...serials].sort());
    expect(
      execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).match(/NOT YET VALID/g)?.length,
    ).toBe(5);
    await page.keyboard.press('Escape');

    // Back online: the server accepts the series and its cards become valid.
    api = await startCentralApi({ port, dataDir });
    await expect(page.getByTestId('status-online')).toHaveText('Online', { timeout: 20_000 });
    await expect(page.getByTestId('cards-table').getByText('Not yet valid')).toHaveCount(0, {
      timeout: 30_000,
    });
    await expect(page.getByTestId('cards-table').getByText('New')).toHaveCount(5);
  } finally {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
