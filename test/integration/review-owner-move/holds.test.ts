/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { formatSerial } from '../../../core/cards/card-serial';
import { mintSeries } from '../../../server/cards/card-minting';
import { newPin } from '../../../server/cards/pin-crypto';
import { revealSeriesPins } from '../../../server/cards/series-pins';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, nextYear, useTestCardKeys } from '../cards/card-harness';
import { moveTo, randomPrefix } from './owner-move-harness';

const keys = useTestCardKeys();

/** Checks that held (they pass): kept as regression tests. */
describe.each(serverBackends())('owner move and minting: what held ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('a chunk whose every PIN collides in the database, and twice within the chunk, is minted with fresh PINs', async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const { cards: old } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, {
      amount: 10,
      quantity: 3,
    });
    const held = old.map((c) => c.pin);
    // Draws: every PIN another live card holds, one of them twice in a row, then the CSPRNG.
    const queue = [held[0]!, held[0]!, held[1]!, held[2]!, held[1]!];
    const source = (len: number) => queue.shift() ?? newPin(len);
    const prefix = randomPrefix();
    const r = await mintSeries(
      { db: ctx.db, keys, newPin: source },
      { kind: 'operator' },
      {
        amount: 10,
        currency: 'USD',
        quantity: 3,
        prefix,
        pinLength: 12,
        ownerId: t.resellerId,
        expiresAt: nextYear(),
        grantValidityDays: null,
      },
    );
    const fresh = await revealSeriesPins(ctx.db, keys, t.resellerId, r.seriesId);
    expect(fresh).toHaveLength(3);
    expect(fresh.some((c) => held.includes(c.pin))).toBe(false);
    expect(new Set(fresh.map((c) => c.pin)).size).toBe(3);
    const lookups = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM card_pin_lookup WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(lookups[0]!.n).toBe(6);

    // The compact feed entries derive exactly the serials the server stored, id by id.
    const entries = await ctx.db.query<{ data: any }>(
      `SELECT data FROM changes WHERE reseller_id = $1 AND kind = 'cards_minted' AND data->>'seriesId' = $2`,
      [t.resellerId, r.seriesId],
    );
    const derived = new Map<string, string>();
    for (const e of entries)
      (e.data.ids as string[]).forEach((id, i) =>
        derived.set(id, formatSerial(e.data.prefix, e.data.firstNumber + i)),
      );
    const stored = await ctx.db.query<{ id: string; serial: string }>(
      'SELECT id, serial FROM cards WHERE reseller_id = $1 AND series_id = $2',
      [t.resellerId, r.seriesId],
    );
    expect(stored.map((s) => derived.get(s.id))).toEqual(stored.map((s) => s.serial));
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });

  it('the minting terminal still fetches every PIN of its series after some cards moved to an affiliate', async () => {
    const parent = await createTenant(ctx.api, { credits: 100_000 });
    const affiliate = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const minted = await ctx.api.call('POST', '/v1/terminal/cards/series', {
      token: parent.token,
      body: { amount: 100, currency: 'USD', quantity: 4, prefix: randomPrefix(), expiresAt: nextYear() },
    });
    expect(minted.status).toBe(201);
    const before = await revealSeriesPins(ctx.db, keys, parent.resellerId, minted.body.seriesId);
    const moved = await moveTo(ctx.api, parent, [before[1]!.cardId, before[3]!.cardId], affiliate.resellerId);
    expect(moved.body.changed).toBe(2);
    const pins = await ctx.api.call('GET', `/v1/terminal/cards/series/${minted.body.seriesId}/pins?limit=3`, {
      token: parent.token,
    });
    expect(pins.status).toBe(200);
    const rest = await ctx.api.call(
      'GET',
      `/v1/terminal/cards/series/${minted.body.seriesId}/pins?limit=3&after=${pins.body.pairs.at(-1).serial}`,
      { token: parent.token },
    );
    const all = [...pins.body.pairs, ...rest.body.pairs];
    expect(all.map((p: any) => [p.serial, p.pin])).toEqual(before.map((c) => [c.serial, c.pin]));
    // The affiliate's terminal did not mint it: no PINs for it.
    const other = await ctx.api.call('GET', `/v1/terminal/cards/series/${minted.body.seriesId}/pins`, {
      token: affiliate.token,
    });
    expect(other.status).toBe(404);
  });
});
