import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedReceipt } from '../../../core/contract/types/receipts';
import type { OutcomesNotShown, SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { AppServices } from '../../../main/app/app-services';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, startCentral } from '../terminal/support/central-api';
import { startFaultProxy, type FaultProxy } from '../terminal/support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../terminal/support/terminal-harness';
import { callError } from './support';

const PIN = '123456';

let serverDir: string;
let server: RunningServer;
let proxy: FaultProxy;
let dir: string;
let s: AppServices | null = null;
let managerId: string;
let packageId: string;

beforeAll(async () => {
  serverDir = tempDir('central-outcomes');
  server = await startCentral(serverDir);
  proxy = await startFaultProxy(server.url);
  dir = tempDir('outcomes');
});
afterAll(async () => {
  await s?.close();
  await proxy.close();
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** Restarts the app on the same data folder (a new run) and signs the manager in again. */
async function restart(): Promise<AppServices> {
  await s?.close();
  s = await openTerminal(dir);
  await call(s, 'session.signIn', { clerkId: managerId, pin: PIN });
  return s;
}

const sell = (t: AppServices, quantity = 1, account = '+15550007001') =>
  call<SaleCreateOutcome>(t, 'sales.create', { packageId, customerAccount: account, quantity });

const notShown = (t: AppServices) => call<OutcomesNotShown>(t, 'sales.outcomesNotShown', {});

describe('sales whose outcome the clerk never saw', () => {
  // Filled by the first test, used by the next ones (they run in order).
  const ids = { seen: '', sold: '', rejected: '', waiting: '', laterRun: '' };

  it('lists, after a restart, the sales of the earlier run that were never acknowledged, with what became of each', async () => {
    // 1,000 credits: a few sales of 90, and one of 20 x 90 that the server rejects.
    const seed = await seedReseller(server, { credits: 1_000 });
    packageId = seed.pkg.id;
    s = await openTerminal(dir);
    managerId = await enrollAndSignIn(s, proxy.url, seed.code);
    const runOne = s.terminal.run.run;

    const seen = await sell(s);
    expect(seen.outcome).toBe('confirmed');
    await call(s, 'sales.outcomeShown', { saleId: seen.sale!.id, outcome: 'confirmed' });
    const sold = await sell(s, 1, '+15550007002');
    expect(sold.outcome).toBe('confirmed');
    const rejected = await sell(s, 20, '+15550007003');
    expect(rejected.outcome).toBe('rejected');
    // The API goes away: the next sale gets no answer, is honoured offline and waits in the outbox.
    proxy.mode = { kind: 'down' };
    const waiting = await sell(s, 1, '+15550007004');
    expect(waiting.outcome).toBe('queued');
    Object.assign(ids, {
      seen: seen.sale!.id,
      sold: sold.sale!.id,
      rejected: rejected.sale!.id,
      waiting: waiting.sale!.id,
    });

    // In the run that made them they are not listed: the Sell screen may still be about to show them.
    expect(await notShown(s)).toEqual({ count: 0, items: [] });

    const t = await restart();
    expect(t.terminal.run.run).toBe(runOne + 1);
    const list = await notShown(t);
    expect(list.count).toBe(3);
    expect(list.items.map((i) => [i.id, i.outcome, i.printable, i.canMarkDealtWith])).toEqual([
      [ids.waiting, 'waiting', true, false], // honoured offline: its receipt prints, its outcome is not final
      [ids.rejected, 'not_sold', false, true],
      [ids.sold, 'sold', true, true],
    ]);
    expect(list.items[2]).toMatchObject({
      saleNumber: sold.sale!.saleNumber,
      clerkName: 'Manager',
      printCount: 0,
    });
    expect(t.terminal.saleOutcomes.notShownIds().sort()).toEqual(
      [ids.waiting, ids.rejected, ids.sold].sort(),
    );
  });

  it('prints the receipt of a sold one from the list (the original: nothing printed before)', async () => {
    const r = await call<RenderedReceipt>(s!, 'receipts.render', { saleId: ids.sold });
    expect(r).toMatchObject({ copy: false, printCount: 1 });
    expect(Buffer.from(r.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await callError(s!, 'receipts.render', { saleId: ids.rejected })).toMatchObject({
      code: 'not_printable',
    });
    const item = (await notShown(s!)).items.find((i) => i.id === ids.sold)!;
    expect(item.printCount).toBe(1);
  });

  it('shows the final state once synced, and can be marked dealt with only once it is final', async () => {
    const t = s!;
    expect(await callError(t, 'sales.outcomeDealtWith', { saleId: ids.waiting })).toMatchObject({
      code: 'outcome_waiting',
    });
    proxy.mode = { kind: 'pass' };
    const report = await call<{ ok: boolean }>(t, 'sync.now');
    expect(report.ok).toBe(true);
    const after = await notShown(t);
    expect(after.items.find((i) => i.id === ids.waiting)).toMatchObject({
      outcome: 'sold',
      canMarkDealtWith: true,
    });

    const first = await call<{ dealtWithAt: string }>(t, 'sales.outcomeDealtWith', { saleId: ids.sold });
    const again = await call<{ dealtWithAt: string }>(t, 'sales.outcomeDealtWith', { saleId: ids.sold });
    expect(again).toEqual(first);
    expect((await notShown(t)).count).toBe(2);
    const row = t.terminal.ledger.db
      .prepare('SELECT dealt_with_by, shown_at FROM sale_outcomes WHERE sale_id = ?')
      .get(ids.sold);
    expect(row).toEqual({ dealt_with_by: managerId, shown_at: null });

    // Nothing to deal with for a sale the clerk saw, nor for an unknown one.
    expect(await callError(t, 'sales.outcomeDealtWith', { saleId: ids.seen })).toMatchObject({
      code: 'not_listed',
    });
    expect(
      await callError(t, 'sales.outcomeDealtWith', { saleId: '01900000-0000-7000-8000-000000000000' }),
    ).toMatchObject({ code: 'not_found' });
  });

  it('keeps listing the rest across later restarts, with this run’s unacknowledged sales joining them', async () => {
    const t = s!;
    const later = await sell(t, 1, '+15550007005');
    expect(later.outcome).toBe('confirmed');
    ids.laterRun = later.sale!.id;
    // Acknowledged twice: the first one counts.
    const shown = await call<{ shownAt: string }>(t, 'sales.outcomeShown', {
      saleId: ids.laterRun,
      outcome: 'confirmed',
    });
    expect(await call(t, 'sales.outcomeShown', { saleId: ids.laterRun, outcome: 'queued' })).toEqual(shown);
    const unseen = await sell(t, 1, '+15550007006');
    expect((await notShown(t)).items.map((i) => i.id)).not.toContain(unseen.sale!.id);

    const u = await restart();
    const list = await notShown(u);
    expect(list.items.map((i) => i.id)).toEqual([unseen.sale!.id, ids.waiting, ids.rejected]);
    expect(list.items.map((i) => i.outcome)).toEqual(['sold', 'sold', 'not_sold']);
    expect(
      u.terminal.ledger.db
        .prepare('SELECT shown_outcome, shown_by FROM sale_outcomes WHERE sale_id = ?')
        .get(ids.laterRun),
    ).toEqual({ shown_outcome: 'confirmed', shown_by: managerId });
    // The limit bounds the page, not the count.
    expect(await call(u, 'sales.outcomesNotShown', { limit: 1 })).toMatchObject({
      count: 3,
      items: [{ id: unseen.sale!.id }],
    });
  });

  it('does not list a sale without a recorded run (made before runs were recorded)', async () => {
    const t = s!;
    const list = await notShown(t);
    const legacy = list.items[0]!.id;
    t.terminal.ledger.db.prepare('UPDATE sale_outcomes SET run = NULL WHERE sale_id = ?').run(legacy);
    expect((await notShown(t)).items.map((i) => i.id)).not.toContain(legacy);
  });

  it('needs a signed-in clerk and a known sale', async () => {
    const t = s!;
    expect(await callError(t, 'sales.outcomeShown', { saleId: ids.sold, outcome: 'sold' })).toMatchObject({
      code: 'invalid_input',
    });
    expect(
      await callError(t, 'sales.outcomeShown', {
        saleId: '01900000-0000-7000-8000-000000000000',
        outcome: 'queued',
      }),
    ).toMatchObject({ code: 'not_found' });
    await call(t, 'session.signOut');
    expect(await callError(t, 'sales.outcomesNotShown')).toMatchObject({ code: 'signed_out' });
    expect(
      await callError(t, 'sales.outcomeShown', { saleId: ids.sold, outcome: 'confirmed' }),
    ).toMatchObject({
      code: 'signed_out',
    });
  });
});
