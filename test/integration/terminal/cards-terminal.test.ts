import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  CardPage,
  CardReserveState,
  CardSeriesJob,
  RedeemOutcome,
  RedemptionItem,
} from '../../../core/contract/types/cards';
import type { AppServices } from '../../../main/app/app-services';
import { seedReseller, serverBalance, useCentral } from './support/central-api';
import { call } from './support/terminal-harness';
import { commands, enrollTill, goOffline, syncOk, type Till } from './support/till';

const central = useCentral('central-cards');
const nextYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

/** Waits for a series job to finish (by polling its state, never by elapsed time alone). */
async function finished(s: AppServices, job: CardSeriesJob): Promise<CardSeriesJob> {
  let j = job;
  while (j.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    j = await call<CardSeriesJob>(s, 'cards.seriesJob', { jobId: job.jobId });
  }
  return j;
}

async function list(s: AppServices, filter: object = {}): Promise<CardPage> {
  return call<CardPage>(s, 'cards.list', { filter, offset: 0, limit: 500 });
}

async function pinOf(s: AppServices, cardId: string): Promise<string> {
  return (await call<{ pin: string }>(s, 'cards.revealPin', { cardId })).pin;
}

/** Every file of a folder tree (the terminal's data folder, with SQLite's -wal and -shm). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

async function tillWithCredits(credits: number, reserveSize: number): Promise<Till & { resellerId: string }> {
  const seed = await seedReseller(central.server, {
    credits,
    floorLimits: { perSaleMax: 100_000, totalOfflineMax: 200_000, maxHoursSinceSync: 24 },
  });
  const t = await enrollTill(
    central.server,
    central.cleanup,
    seed.resellerId,
    {
      perSaleMax: 100_000,
      totalOfflineMax: 200_000,
      maxHoursSinceSync: 24,
    },
    { reserveSize },
  );
  return { ...t, resellerId: seed.resellerId };
}

describe('top-up cards at the terminal', () => {
  it('mints online, keeps a PIN reserve, draws a series offline, redeems online and offline, and settles with sync', async () => {
    const t = await tillWithCredits(1_000_000, 40);
    await syncOk(t);
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({
      free: 40,
      prefix: '9',
      pinLength: 12,
    });

    // Online: the central API mints, the terminal stores the PINs sealed and mirrors the cards.
    const job = await finished(
      t.s,
      await call<CardSeriesJob>(t.s, 'cards.createSeries', {
        amount: 500,
        quantity: 30,
        prefix: '101',
        pinLength: 12,
        expiresAt: nextYear(),
      }),
    );
    expect(job).toMatchObject({
      state: 'done',
      offline: false,
      done: 30,
      total: 30,
      firstSerial: expect.stringMatching(/^101-/),
    });
    const online = await list(t.s, { seriesId: job.seriesId });
    expect(online.total).toBe(30);
    expect(online.rows.every((c) => c.pinHeld && c.validity === 'valid' && c.status === 'new')).toBe(true);
    expect(await serverBalance(central.server, t.resellerId)).toBe(1_000_000 - 30 * 500);

    // Redeem one online: the answer comes at once, and the mirror shows the card activated after the pull.
    const first = online.rows[0]!;
    const pins = new Map<string, string>([[first.id, await pinOf(t.s, first.id)]]);
    const redeemed = await call<RedeemOutcome>(t.s, 'cards.redeem', {
      customerAccount: '+15550009001',
      pin: pins.get(first.id)!.replace(/(\d{4})/g, '$1 '),
    });
    expect(redeemed).toMatchObject({
      status: 'redeemed',
      serial: first.serial,
      amount: 500,
      walletBalance: 500,
    });
    await syncOk(t);
    expect((await list(t.s, { serialFrom: first.serial, serialTo: first.serial })).rows[0]).toMatchObject({
      status: 'activated',
    });

    // Offline: a series is drawn from the reserve; its cards are not yet valid, and redemptions queue.
    await goOffline(t);
    const drawn = await call<CardSeriesJob>(t.s, 'cards.createSeries', {
      amount: 200,
      quantity: 10,
      prefix: '555',
      pinLength: 12,
      expiresAt: nextYear(),
    });
    expect(drawn).toMatchObject({
      state: 'done',
      offline: true,
      phase: 'drawing',
      firstSerial: expect.stringMatching(/^9-/),
    });
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({ free: 30 });
    const offlineCards = await list(t.s, { seriesId: drawn.seriesId });
    expect(offlineCards.total).toBe(10);
    expect(offlineCards.rows.every((c) => c.validity === 'not_yet_valid')).toBe(true);
    const target = offlineCards.rows[3]!;
    pins.set(target.id, await pinOf(t.s, target.id));
    const queued = await call<RedeemOutcome>(t.s, 'cards.redeem', {
      customerAccount: '+15550009002',
      pin: pins.get(target.id)!,
    });
    expect(queued.status).toBe('pending');
    const wrong = await call<RedeemOutcome>(t.s, 'cards.redeem', {
      customerAccount: '+15550009003',
      pin: '000011112222',
    });
    expect(wrong.status).toBe('pending');

    // Back online: the batch applies first, so the queued redemption of its card succeeds; the wrong PIN fails.
    await syncOk(t);
    expect((await list(t.s, { seriesId: drawn.seriesId, validity: 'valid' })).total).toBe(10);
    const settled = await call<RedemptionItem[]>(t.s, 'cards.redemptions', { limit: 10 });
    expect(settled.find((r) => r.id === queued.redemptionId)).toMatchObject({
      state: 'redeemed',
      amount: 200,
      serial: target.serial,
    });
    expect(settled.find((r) => r.id === wrong.redemptionId)).toMatchObject({ state: 'failed', amount: null });
    expect(await serverBalance(central.server, t.resellerId)).toBe(1_000_000 - 30 * 500 - 10 * 200);
    expect(t.s.terminal.ledger.balanceView()).toMatchObject({ pendingDebits: 0, pendingCount: 0 });
    const server = await central.server.db.query<{ status: string; customer_id: string | null }>(
      'SELECT status, customer_id FROM cards WHERE id = $1',
      [target.id],
    );
    expect(server[0]?.status).toBe('activated');

    // No PIN this terminal ever held is in any file of its data folder, in plain text, hex or base64.
    for (const c of (await list(t.s, { validity: 'valid' })).rows.slice(0, 12))
      pins.set(c.id, await pinOf(t.s, c.id));
    const dataDir = t.s.terminal.ledger.db.name.replace(/[/\\][^/\\]+$/, '');
    t.s.terminal.ledger.db.pragma('wal_checkpoint(PASSIVE)');
    const blobs = filesUnder(dataDir).map((f) => readFileSync(f));
    expect(blobs.length).toBeGreaterThan(2);
    for (const pin of pins.values()) {
      const forms = [pin, Buffer.from(pin).toString('hex'), Buffer.from(pin).toString('base64')];
      for (const blob of blobs) for (const form of forms) expect(blob.includes(form)).toBe(false);
    }
  });

  it('voids the cards of a batch the server rejects, compensates the debit and gives up its pairs', async () => {
    const t = await tillWithCredits(500_000, 10);
    await syncOk(t);
    await goOffline(t);
    const before = t.s.terminal.ledger.balanceView();
    const drawn = await call<CardSeriesJob>(t.s, 'cards.createSeries', {
      amount: 1_000,
      quantity: 5,
      prefix: '777',
      pinLength: 12,
      expiresAt: nextYear(),
    });
    expect(t.s.terminal.ledger.balanceView().available).toBe(before.available - 5_000);
    const cards = await list(t.s, { seriesId: drawn.seriesId });
    // Something the terminal cannot know: the server no longer holds two of the pairs (e.g. released elsewhere).
    const gone = cards.rows.slice(0, 2).map((c) => c.id);
    await central.server.db.query('DELETE FROM card_reserve WHERE id = ANY($1::uuid[])', [gone]);
    await central.server.db.query('DELETE FROM card_pin_lookup WHERE card_id = ANY($1::uuid[])', [gone]);
    await syncOk(t);
    const after = await list(t.s, { seriesId: drawn.seriesId });
    expect(after.rows.every((c) => c.validity === 'void_rejected' && !c.pinHeld)).toBe(true);
    expect(await commands(t.s, 'rejected')).toEqual([
      expect.objectContaining({ type: 'card.batch', reason: 'reserve_card_unknown' }),
    ]);
    expect(t.s.terminal.ledger.balanceView().available).toBe(
      await serverBalance(central.server, t.resellerId),
    );
    expect(await serverBalance(central.server, t.resellerId)).toBe(500_000);
    // The other three pairs are destroyed on the server at the next top-up, PIN lookups too.
    await syncOk(t);
    const left = await central.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM card_reserve WHERE id = ANY($1::uuid[])',
      [cards.rows.map((c) => c.id)],
    );
    expect(left[0]!.n).toBe(0);
    const lookups = await central.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM card_pin_lookup WHERE card_id = ANY($1::uuid[])',
      [cards.rows.map((c) => c.id)],
    );
    expect(lookups[0]!.n).toBe(0);
    expect(t.s.terminal.cards.releasedPairs()).toEqual([]);
  });

  it('refuses an offline series larger than the reserve or the floor limits, writing nothing', async () => {
    const t = await tillWithCredits(500_000, 0);
    expect((await call<CardReserveState>(t.s, 'cards.setReserveSize', { size: 5 })).target).toBe(5);
    await syncOk(t);
    await goOffline(t);
    const body = { amount: 100, quantity: 6, prefix: '100', pinLength: 12, expiresAt: nextYear() };
    await expect(call(t.s, 'cards.createSeries', body)).rejects.toMatchObject({ code: 'reserve_too_small' });
    await expect(
      call(t.s, 'cards.createSeries', { ...body, quantity: 5, amount: 30_000 }),
    ).rejects.toMatchObject({
      code: 'offline_per_sale_limit',
    });
    expect(await call<CardReserveState>(t.s, 'cards.reserve')).toMatchObject({ free: 5 });
    expect((await list(t.s)).total).toBe(0);
    expect(t.s.terminal.ledger.balanceView().pendingCount).toBe(0);
  });
});
