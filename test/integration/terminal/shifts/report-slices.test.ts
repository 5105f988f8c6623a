import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../core/uuidv7';
import { openLocalDatabase, type LocalDatabase } from '../../../../main/db/open-database';
import { REPORT_SLICE, ReportQueries } from '../../../../main/reports/report-queries';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A terminal database with `n` sales spread over one day (every 7th not sold, every 5th honoured offline). */
function seeded(n: number): { local: LocalDatabase; from: string; to: string } {
  const dir = mkdtempSync(join(tmpdir(), 'refill-report-slices-'));
  dirs.push(dir);
  const local = openLocalDatabase(join(dir, 'ledger.sqlite'));
  const db = local.db;
  const insert = db.prepare(
    `INSERT INTO sales (id, sale_number, command_id, package_id, package_name, customer_account, quantity, currency,
       retail_amount, wholesale_amount, clerk_id, created_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?)`,
  );
  const decision = db.prepare(
    'INSERT INTO offline_decisions (seq, command_id, retail_amount, running_total) VALUES (?, ?, ?, ?)',
  );
  const packages = [uuidv7(), uuidv7(), uuidv7()];
  const clerks = [uuidv7(), uuidv7()];
  const start = Date.parse('2026-03-10T00:00:00.000Z');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const commandId = uuidv7();
      // Several sales share a millisecond: the keyset must carry on by id within the same time.
      const at = new Date(start + Math.floor(i / 3) * 40_000).toISOString();
      insert.run(
        uuidv7(),
        `T1-${String(i).padStart(6, '0')}`,
        commandId,
        packages[i % 3],
        `Package ${i % 3}`,
        `+1555000${String(i % 40).padStart(4, '0')}`,
        1 + (i % 2),
        100 * (1 + (i % 4)),
        90,
        clerks[i % 2],
        at,
        i % 7 === 0 ? 'reversed' : 'confirmed',
      );
      if (i % 5 === 0) decision.run(i + 1, commandId, 100, 100 * (i / 5 + 1));
    }
  })();
  return { local, from: new Date(start).toISOString(), to: new Date(start + 86_400_000).toISOString() };
}

describe('the sales report read in slices', () => {
  it('adds up the same over several slices as SQL does over the whole range', async () => {
    const n = 2 * REPORT_SLICE + 345;
    const { local, from, to } = seeded(n);
    const report = await new ReportQueries(local.db).sales(from, to, 'USD');
    const sql = local.db
      .prepare(
        `SELECT COUNT(*) AS c, SUM(retail_amount) AS a FROM sales WHERE created_at >= ? AND created_at < ?
            AND status NOT IN ('reversed', 'in_doubt')`,
      )
      .get(from, to) as { c: number; a: number };
    expect(report.totals.salesCount).toBe(sql.c);
    expect(report.totals.salesAmount).toBe(sql.a);
    expect(report.totals.voidCount).toBe(n - sql.c);
    expect(report.byPackage.reduce((s, p) => s + p.count, 0)).toBe(sql.c);
    expect(report.byClerk.reduce((s, c) => s + c.amount, 0)).toBe(sql.a);
    expect(report.byHour.reduce((s, h) => s + h.count, 0)).toBe(sql.c);
    const offline = local.db
      .prepare(
        `SELECT COUNT(*) AS c FROM sales s JOIN offline_decisions d ON d.command_id = s.command_id
          WHERE s.status NOT IN ('reversed', 'in_doubt')`,
      )
      .get() as { c: number };
    expect(report.totals.offlineCount).toBe(offline.c);
    expect(report.topCustomers).toHaveLength(10);
    local.close();
  });

  it('a newer report stops an older one still reading', async () => {
    const { local, from, to } = seeded(3 * REPORT_SLICE);
    const reports = new ReportQueries(local.db);
    const older = reports.sales(from, to, 'USD');
    const newer = reports.sales(from, to, 'USD');
    await expect(older).rejects.toMatchObject({ code: 'superseded' });
    expect((await newer).totals.salesCount + (await newer).totals.voidCount).toBe(3 * REPORT_SLICE);
    local.close();
  });
});
