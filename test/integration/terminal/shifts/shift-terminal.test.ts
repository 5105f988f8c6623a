import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome, SaleRefundResult } from '../../../../core/contract/types/sales';
import type {
  RenderedShiftReport,
  ShiftReport,
  ShiftState,
  ShiftSummary,
} from '../../../../core/contract/types/shifts';
import type { SalesReport } from '../../../../core/contract/types/reports';
import { uuidv7 } from '../../../../core/uuidv7';
import { REPORT_SQL } from '../../../../main/reports/report-queries';
import type { RunningServer } from '../../../../server/start-server';
import { TEST_PRINTER, setupCupsPdfPrinter, waitForPrintedPdf } from '../../printing/cups-pdf-output';
import { decodeBarcodes, pdfText, requireTools } from '../../printing/pdf-tools';
import { seedReseller, startCentral } from '../support/central-api';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}

describe('shifts at the terminal', () => {
  const serverDir = tempDir('shift-central');
  let server: RunningServer;
  let proxy: FaultProxy;
  beforeAll(async () => {
    server = await startCentral(serverDir);
    proxy = await startFaultProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('a shift survives a restart, its figures add up, and its commands reach the server exactly once', async () => {
    const seed = await seedReseller(server, { credits: 100_000, wholesale: 900, retail: 1_000 });
    const dir = tempDir('shift-terminal');
    let s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      const terminalId = s.terminal.identity.require().terminalId;

      // Open with a float counted by denomination: 1 x 100.00 + 2 x 5.00 + 3 x 0.25 = 110.75.
      const attempt = uuidv7();
      const floatCount = {
        kind: 'denominations',
        pieces: [
          { value: 10_000, count: 1 },
          { value: 500, count: 2 },
          { value: 25, count: 3 },
        ],
      };
      const opened = await call<ShiftSummary>(s, 'shifts.open', { float: floatCount, shiftId: attempt });
      // The same attempt again (its answer lost): the same shift, not a refusal nor a second one.
      expect(await call<ShiftSummary>(s, 'shifts.open', { float: floatCount, shiftId: attempt })).toEqual(
        opened,
      );
      expect(opened.id).toBe(attempt);
      expect(opened).toMatchObject({ state: 'open', float: 11_075, implicit: false, number: 1 });
      // One shift at a time; a bad count changes nothing.
      expect((await failure(call(s, 'shifts.open', { float: { kind: 'total', total: 0 } }))).code).toBe(
        'shift_open',
      );
      expect((await failure(call(s, 'shifts.cashMove', { kind: 'in', amount: 0, reason: 'x' }))).code).toBe(
        'invalid_input',
      );

      // An online sale, an offline one, a refund of the first, cash out to the safe.
      const online = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007001',
        quantity: 2,
      });
      expect(online.outcome).toBe('confirmed');
      proxy.mode = { kind: 'down' };
      const offline = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007002',
        quantity: 1,
      });
      expect(offline.outcome).toBe('queued');
      proxy.mode = { kind: 'pass' };
      const refund = await call<SaleRefundResult>(s, 'sales.refund', { saleId: online.sale!.id });
      expect(refund.cashBack).toBe(2_000);
      const moveId = uuidv7();
      await call(s, 'shifts.cashMove', { kind: 'out', amount: 5_000, reason: 'drop to safe', moveId });
      await call(s, 'shifts.cashMove', { kind: 'out', amount: 5_000, reason: 'drop to safe', moveId });

      // X-report: float 110.75 + sales 30.00 - refund 20.00 - out 50.00 = 70.75.
      const x = await call<RenderedShiftReport>(s, 'shifts.report', { kind: 'X' });
      expect(x.report).toMatchObject({
        kind: 'X',
        float: 11_075,
        salesCount: 2,
        salesAmount: 3_000,
        refundCount: 1,
        refundAmount: 2_000,
        cashOut: 5_000,
        expected: 7_075,
      });
      expect(x.report.byClerk).toHaveLength(1);
      expect(x.report.byClerk[0]).toMatchObject({ clerkName: 'Manager', salesCount: 2, refundCount: 1 });
      expect(await pdfText(Buffer.from(x.pdfBase64, 'base64'))).toContain('X-REPORT');

      // Restart: the open shift, its float and its cash move are still there.
      await s.close();
      s = await openTerminal(dir);
      await call(s, 'session.signIn', {
        clerkId: (await call<{ id: string }[]>(s, 'clerks.list'))[0]!.id,
        pin: '123456',
      });
      const after = await call<ShiftState>(s, 'shifts.current');
      expect(after.current).toMatchObject({ id: opened.id, float: 11_075, state: 'open' });
      expect(after.moves).toHaveLength(1);

      // Close with the drawer 0.75 short; the answer to the push is lost once, the retry is a duplicate.
      proxy.mode = { kind: 'dropAfterResponse' };
      const z = await call<ShiftReport>(s, 'shifts.close', {
        shiftId: opened.id,
        counted: { kind: 'total', total: 7_000 },
      });
      expect(z.shift).toMatchObject({ state: 'closed', expected: 7_075, counted: 7_000, difference: -75 });
      expect(z.shift.zNumber).toMatch(/^[A-Z0-9]{2,8}-Z000001$/);
      await call(s, 'sync.now');
      proxy.mode = { kind: 'pass' };
      await call(s, 'sync.now');
      await call(s, 'sync.now');
      // Closing again answers the same Z-report: one close, one Z number.
      const again = await call<ShiftReport>(s, 'shifts.close', {
        shiftId: opened.id,
        counted: { kind: 'total', total: 1 },
      });
      expect(again.shift.zNumber).toBe(z.shift.zNumber);
      expect(again.shift.counted).toBe(7_000);

      const rows = await server.db.query<{
        id: string;
        float: string;
        expected: string;
        counted: string;
        difference: string;
        z_number: string;
        sales_count: string;
      }>('SELECT * FROM shifts WHERE terminal_id = $1', [terminalId]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: opened.id, z_number: z.shift.zNumber });
      expect(Number(rows[0]!.expected)).toBe(7_075);
      expect(Number(rows[0]!.difference)).toBe(-75);
      expect(Number(rows[0]!.sales_count)).toBe(2);
      const commands = await server.db.query<{ type: string }>(
        "SELECT type FROM commands WHERE terminal_id = $1 AND type LIKE 'shift.%' ORDER BY type",
        [terminalId],
      );
      expect(commands.map((c) => c.type)).toEqual(['shift.close', 'shift.open']);
      const current = await call<ShiftState>(s, 'shifts.current');
      expect(current.current).toBeNull();
      const list = await call<{ rows: ShiftSummary[] }>(s, 'shifts.list', {});
      expect(list.rows[0]).toMatchObject({ id: opened.id, sync: 'synced' });

      // The Z-report PDF: expected, counted, difference, sales count, by clerk; its number barcoded.
      const zPdf = await call<RenderedShiftReport>(s, 'shifts.report', { kind: 'Z', shiftId: opened.id });
      const pdf = Buffer.from(zPdf.pdfBase64, 'base64');
      const text = await pdfText(pdf);
      for (const t of [
        'Z-REPORT',
        'Expected cash',
        '70.75',
        'Counted cash',
        '70.00',
        'Difference (short)',
        '-USD 0.75',
        'Sales count',
        'By clerk',
        'Manager',
      ])
        expect(text).toContain(t);
      expect(await decodeBarcodes(pdf)).toEqual([z.shift.zNumber]);

      // Printed on the receipt printer (real CUPS, the cups-pdf test printer) through the same print queue.
      requireTools('cupsd', 'lpadmin', 'lp', 'lpstat');
      setupCupsPdfPrinter(TEST_PRINTER);
      await call(s, 'settings.update', { printerName: TEST_PRINTER, paperWidth: '58mm' });
      const since = Date.now();
      const printed = await call<{ printer: string }>(s, 'shifts.print', { kind: 'Z', shiftId: opened.id });
      expect(printed.printer).toBe(TEST_PRINTER);
      const file = await waitForPrintedPdf(z.shift.zNumber!.split('-')[1]!, { since });
      try {
        expect(await pdfText(file)).toContain('Z-REPORT');
        expect(await decodeBarcodes(file)).toEqual([z.shift.zNumber]);
      } finally {
        rmSync(file, { force: true });
      }

      // A sale with no shift open opens one at float 0 (the default); with the setting on, it is refused.
      const next = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550007003',
        quantity: 1,
      });
      expect(next.outcome).toBe('confirmed');
      const implicit = await call<ShiftState>(s, 'shifts.current');
      expect(implicit.current).toMatchObject({ implicit: true, float: 0, number: 2 });
      await call(s, 'shifts.close', {
        shiftId: implicit.current!.id,
        counted: { kind: 'total', total: 1_000 },
      });
      await call(s, 'shifts.setRequireOpen', { requireOpenShift: true });
      expect(
        (
          await failure(
            call(s, 'sales.create', { packageId: seed.pkg.id, customerAccount: '+15550007004', quantity: 1 }),
          )
        ).code,
      ).toBe('shift_required');
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the sales report reads the day through indexes and matches the sales', async () => {
    const seed = await seedReseller(server, { credits: 100_000, wholesale: 450, retail: 500 });
    const dir = tempDir('report-terminal');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, proxy.url, seed.code);
      for (const account of ['+15550008001', '+15550008001', '+15550008002'])
        await call(s, 'sales.create', { packageId: seed.pkg.id, customerAccount: account, quantity: 1 });
      proxy.mode = { kind: 'down' };
      await call(s, 'sales.create', { packageId: seed.pkg.id, customerAccount: '+15550008003', quantity: 2 });
      proxy.mode = { kind: 'pass' };
      const from = new Date(Date.now() - 3_600_000).toISOString();
      const to = new Date(Date.now() + 3_600_000).toISOString();
      const report = await call<SalesReport>(s, 'reports.sales', { from, to });
      expect(report.totals).toMatchObject({
        salesCount: 4,
        salesAmount: 2_500,
        offlineCount: 1,
        offlineAmount: 1_000,
        voidCount: 0,
      });
      expect(report.byPackage).toEqual([
        { packageId: seed.pkg.id, packageName: seed.pkg.name, count: 4, quantity: 5, amount: 2_500 },
      ]);
      // By amount, then by count: two sales of 5.00 come before one of 10.00 only on the count.
      expect(report.topCustomers).toEqual([
        { account: '+15550008001', count: 2, amount: 1_000 },
        { account: '+15550008003', count: 1, amount: 1_000 },
        { account: '+15550008002', count: 1, amount: 500 },
      ]);
      expect(report.byClerk).toEqual([
        expect.objectContaining({ clerkName: 'Manager', count: 4, amount: 2_500 }),
      ]);
      expect(report.byHour.reduce((n, h) => n + h.count, 0)).toBe(4);
      expect((await failure(call(s, 'reports.sales', { from: to, to: from }))).code).toBe('invalid_input');

      // No statement scans the sales (or refunds) table: each walks an index over the range.
      const db = s.terminal.ledger.db;
      for (const [name, sql] of Object.entries(REPORT_SQL)) {
        const args = name === 'nextSlice' ? [from, '0', to] : [from, to];
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
          .map((r) => r.detail)
          .join('\n');
        expect(plan, name).not.toMatch(/SCAN (s|r|sales|refunds)\b(?! USING)/);
        expect(plan, name).toMatch(
          /SEARCH (s|r) USING (COVERING )?INDEX (sales_created|refunds_refunded_at)/,
        );
      }
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
