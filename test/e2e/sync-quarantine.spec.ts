import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '../../core/uuidv7';
import { expect, test } from './fixtures';
import { enrollAndSignIn } from './flows';
import { createTenant } from './operator-api';

mkdirSync('test-results/screens', { recursive: true });

test('a command the API refuses as a whole is quarantined on the Sync screen, needs a manager, and can be sent again', async ({
  app,
  appHost,
}) => {
  test.setTimeout(120_000);
  const tenant = await createTenant(app.apiUrl);
  const { page } = app;
  await enrollAndSignIn(page, app.apiUrl, tenant.code);
  await expect(page.getByTestId('status-online')).toHaveText('Online');

  // Something wrote a command far larger than any request the API takes (as a broken build could).
  const id = uuidv7();
  // Browser mode keeps the terminal's data in <data>/terminal (see scripts/launch.ts); Electron in the folder itself.
  const ledger = [join(app.dataDir, 'terminal', 'ledger.sqlite'), join(app.dataDir, 'ledger.sqlite')].find(
    (f) => existsSync(f),
  );
  expect(ledger).toBeDefined();
  const db = new BetterSqlite3(ledger!, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.prepare(
    `INSERT INTO outbox (id, type, payload, created_at, clerk_id, offline, debit, offline_amount)
     VALUES (?, 'note.huge', ?, ?, NULL, 0, 0, 0)`,
  ).run(id, JSON.stringify({ text: 'x'.repeat(5 * 1024 * 1024) }), new Date().toISOString());
  db.close();

  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  // Too large for any request: set aside without being sent, and the queue drains behind it.
  await page.getByTestId('sync-now').click();
  await expect(page.getByText(/^Synced:/)).toBeVisible();
  await page.getByTestId('sync-filter-quarantined').click();
  const row = page.getByTestId('sync-table').locator('tr', { hasText: 'note.huge' });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('needs-manager')).toBeVisible();
  await expect(row).toContainText('larger than any request the API takes');
  await page.screenshot({ path: `test-results/screens/${appHost}-sync-quarantined.png` });

  // A manager sends it again: back in the queue, and a sync runs at once (still too large: set aside again).
  await row.getByTestId('sync-requeue').click();
  await expect(page.getByText('Sent again: back in the queue.')).toBeVisible();
  await page.getByTestId('sync-filter-pending').click();
  await page.getByTestId('sync-filter-quarantined').click();
  await expect(page.getByTestId('sync-table').locator('tr', { hasText: 'note.huge' })).toHaveCount(1);
});
