/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { revealSeriesPins } from '../../../server/cards/series-pins';
import { TEST_OPERATOR_KEY, createTenant, useTestServer, type TenantFixture } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { uuidv7 } from '../../../core/uuidv7';
import { freshPrefix, mintThroughOperator, mintWithPins, nextYear, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('mass edit: owner ($name)', (backend) => {
  const ctx = useTestServer(backend);

  const credits = async (resellerId: string): Promise<number> => {
    const rows = await ctx.db.query<{ balance: string }>(
      `SELECT a.balance::text AS balance FROM resellers r
         JOIN accounts a ON a.reseller_id = r.id AND a.id = r.credit_account_id WHERE r.id = $1`,
      [resellerId],
    );
    return Number(rows[0]!.balance);
  };
  const liability = async (resellerId: string): Promise<number> => {
    const rows = await ctx.db.query<{ balance: string }>(
      `SELECT balance::text AS balance FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability'`,
      [resellerId],
    );
    return Number(rows[0]?.balance ?? 0);
  };
  const owners = async (ids: readonly string[]): Promise<Map<string, string>> => {
    const rows = await ctx.db.query<{ id: string; reseller_id: string }>(
      'SELECT id, reseller_id FROM cards WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.reseller_id]));
  };
  const edit = (t: TenantFixture, body: unknown) =>
    ctx.api.call('POST', '/v1/terminal/cards/edit', { token: t.token, body });
  const redeem = (t: TenantFixture, pin: string, account = '+15551230000') =>
    ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: t.token,
      body: { customerAccount: account, pin },
    });
  const tenantIn = async (currency: string, parentId: string): Promise<string> => {
    const r = await ctx.api.call('POST', '/v1/operator/resellers', {
      token: TEST_OPERATOR_KEY,
      body: { name: `Shop ${currency}`, currency, parentId },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };

  it('moves new cards to an affiliate with their value, PINs and redemption; others are skipped and counted', async () => {
    const parent = await createTenant(ctx.api, { credits: 10_000 });
    const affiliate = await createTenant(ctx.api, { credits: 5_000, parentId: parent.resellerId });
    const { series, cards } = await mintWithPins(ctx.api, ctx.db, keys, parent.resellerId, {
      amount: 100,
      quantity: 6,
    });
    const ids = cards.map((c) => c.cardId);
    expect((await redeem(parent, cards[0]!.pin)).status).toBe(200);
    await ctx.db.query(`UPDATE cards SET status = 'void' WHERE id = $1`, [ids[1]]);
    await ctx.db.query(`UPDATE cards SET expires_at = now() - interval '1 second' WHERE id = $1`, [ids[2]]);
    const before = {
      parent: await credits(parent.resellerId),
      affiliate: await credits(affiliate.resellerId),
    };
    const parentLiability = await liability(parent.resellerId);

    const newExpiry = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString();
    const r = await edit(parent, {
      target: { kind: 'ids', ids },
      expiresAt: { mode: 'set', value: newExpiry },
      ownerId: { mode: 'set', value: affiliate.resellerId },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      changed: 3,
      skipped: { activated: 1, expired: 1, void: 1, sameOwner: 0, serialTaken: 0, otherCurrency: 0 },
    });

    // Rows: the three new cards are the affiliate's with the new expiry; the others stay as they were.
    const own = await owners(ids);
    for (const id of ids.slice(3)) expect(own.get(id)).toBe(affiliate.resellerId);
    for (const id of ids.slice(0, 3)) expect(own.get(id)).toBe(parent.resellerId);
    const expiries = await ctx.db.query<{ id: string; expires_at: Date }>(
      'SELECT id, expires_at FROM cards WHERE id = ANY($1::uuid[])',
      [ids.slice(3)],
    );
    for (const e of expiries) expect(e.expires_at.toISOString()).toBe(newExpiry);

    // Value: the parent got 300 back, the affiliate paid 300, each ledger in one entry; nothing was made or lost.
    expect(await credits(parent.resellerId)).toBe(before.parent + 300);
    expect(await credits(affiliate.resellerId)).toBe(before.affiliate - 300);
    expect(await liability(parent.resellerId)).toBe(parentLiability - 300);
    expect(await liability(affiliate.resellerId)).toBe(300);
    const entries = await ctx.db.query<{ reseller_id: string; kind: string }>(
      `SELECT reseller_id, kind FROM journal_entries WHERE kind IN ('card_move_out', 'card_move_in')
        AND reseller_id = ANY($1::uuid[])`,
      [[parent.resellerId, affiliate.resellerId]],
    );
    expect(
      entries.map((e) => `${e.reseller_id === parent.resellerId ? 'parent' : 'affiliate'}:${e.kind}`).sort(),
    ).toEqual(['affiliate:card_move_in', 'parent:card_move_out']);

    // PINs were sealed again for the new owner (they open under its binding), and redeem at its counter only.
    const moved = await revealSeriesPins(ctx.db, keys, affiliate.resellerId, series.seriesId);
    expect(moved.map((c) => c.pin).sort()).toEqual(
      cards
        .slice(3)
        .map((c) => c.pin)
        .sort(),
    );
    expect((await redeem(parent, cards[3]!.pin)).status).toBe(400);
    const atAffiliate = await redeem(affiliate, cards[3]!.pin, '+15551239999');
    expect(atAffiliate.status).toBe(200);
    expect(await liability(affiliate.resellerId)).toBe(200);

    // Feeds: the affiliate's and the parent's got the cards with their new owner.
    for (const feed of [affiliate.resellerId, parent.resellerId]) {
      const changes = await ctx.db.query<{ data: any }>(
        `SELECT data FROM changes WHERE reseller_id = $1 AND kind = 'cards' ORDER BY seq`,
        [feed],
      );
      const seen = new Map<string, string>();
      for (const c of changes) for (const card of c.data.cards) seen.set(card.id, card.ownerId);
      for (const id of ids.slice(4)) expect(seen.get(id)).toBe(affiliate.resellerId);
    }

    // A repeat changes nothing more: the cards are the affiliate's already.
    const again = await edit(parent, {
      target: { kind: 'ids', ids: ids.slice(4) },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: affiliate.resellerId },
    });
    expect(again.body).toEqual({
      changed: 0,
      skipped: { activated: 0, expired: 0, void: 0, sameOwner: 2, serialTaken: 0, otherCurrency: 0 },
    });
    expect(await credits(affiliate.resellerId)).toBe(before.affiliate - 300);
  });

  it('moving cards back up leaves the affiliate feed with their deletion, and the serial counter moves on', async () => {
    const parent = await createTenant(ctx.api, { credits: 10_000 });
    const affiliate = await createTenant(ctx.api, { credits: 5_000, parentId: parent.resellerId });
    const prefix = '7' + String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
    // The affiliate mints prefix P (numbers 1-3); the parent mints the same prefix (its own numbers 1-2).
    const mine = await mintWithPins(ctx.api, ctx.db, keys, affiliate.resellerId, {
      amount: 50,
      quantity: 3,
      prefix,
    });
    await mintThroughOperator(ctx.api, parent.resellerId, { amount: 50, quantity: 2, prefix });
    const ids = mine.cards.map((c) => c.cardId);

    const r = await edit(parent, {
      target: { kind: 'ids', ids },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: parent.resellerId },
    });
    expect(r.status).toBe(200);
    // Numbers 1 and 2 exist at the parent already: only number 3 moves.
    expect(r.body.changed).toBe(1);
    expect(r.body.skipped.serialTaken).toBe(2);
    const own = await owners(ids);
    expect(own.get(ids[2]!)).toBe(parent.resellerId);
    const deletions = await ctx.db.query<{ data: any }>(
      `SELECT data FROM changes WHERE reseller_id = $1 AND kind = 'cards_deleted'`,
      [affiliate.resellerId],
    );
    expect(deletions.flatMap((d) => d.data.ids)).toEqual([ids[2]]);
    // The parent's feed sees the card still (now its own): no deletion there.
    const parentDeletions = await ctx.db.query(
      `SELECT 1 FROM changes WHERE reseller_id = $1 AND kind = 'cards_deleted'`,
      [parent.resellerId],
    );
    expect(parentDeletions).toHaveLength(0);
    // The parent's next series of that prefix does not collide with the card that moved in.
    const next = await mintThroughOperator(ctx.api, parent.resellerId, { amount: 50, quantity: 2, prefix });
    expect(next.firstSerial > mine.series.lastSerial).toBe(true);
  });

  it('the minting terminal still prints PINs of cards it moved to an affiliate, and loses those moved out of sight', async () => {
    const parent = await createTenant(ctx.api, { credits: 10_000 });
    const affiliate = await createTenant(ctx.api, { credits: 5_000, parentId: parent.resellerId });
    const mint = async (t: TenantFixture): Promise<string> => {
      const seriesId = uuidv7();
      const r = await ctx.api.call('POST', '/v1/terminal/cards/series', {
        token: t.token,
        body: {
          seriesId,
          amount: 100,
          currency: 'USD',
          quantity: 3,
          prefix: freshPrefix(),
          expiresAt: nextYear(),
        },
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return seriesId;
    };
    const pins = async (t: TenantFixture, seriesId: string): Promise<string[]> => {
      const r = await ctx.api.call('GET', `/v1/terminal/cards/series/${seriesId}/pins`, { token: t.token });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.pairs.map((p: { id: string }) => p.id);
    };
    const parentSeries = await mint(parent);
    const parentCards = await pins(parent, parentSeries);
    const down = await edit(parent, {
      target: { kind: 'ids', ids: parentCards.slice(0, 2) },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: affiliate.resellerId },
    });
    expect(down.body.changed).toBe(2);
    expect((await pins(parent, parentSeries)).sort()).toEqual([...parentCards].sort());

    const affiliateSeries = await mint(affiliate);
    const affiliateCards = await pins(affiliate, affiliateSeries);
    const up = await edit(parent, {
      target: { kind: 'ids', ids: [affiliateCards[0]] },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: parent.resellerId },
    });
    expect(up.body.changed).toBe(1);
    expect((await pins(affiliate, affiliateSeries)).sort()).toEqual(affiliateCards.slice(1).sort());
  });

  it('refuses the whole move when the new owner cannot pay, and skips cards in another currency', async () => {
    const parent = await createTenant(ctx.api, { credits: 10_000 });
    const poor = await createTenant(ctx.api, { credits: 150, parentId: parent.resellerId });
    const euro = await tenantIn('EUR', parent.resellerId);
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, parent.resellerId, {
      amount: 100,
      quantity: 2,
    });
    const ids = cards.map((c) => c.cardId);
    const parentBefore = await credits(parent.resellerId);

    const refused = await edit(parent, {
      target: { kind: 'ids', ids },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: poor.resellerId },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('insufficient_credits');
    expect([...(await owners(ids)).values()]).toEqual([parent.resellerId, parent.resellerId]);
    expect(await credits(parent.resellerId)).toBe(parentBefore);
    expect(await credits(poor.resellerId)).toBe(150);

    const other = await edit(parent, {
      target: { kind: 'ids', ids },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: euro },
    });
    expect(other.status).toBe(200);
    expect(other.body.changed).toBe(0);
    expect(other.body.skipped.otherCurrency).toBe(2);
  });

  it('refuses a new owner the caller does not see, and an affiliate cannot take its parent cards', async () => {
    const parent = await createTenant(ctx.api, { credits: 10_000 });
    const affiliate = await createTenant(ctx.api, { credits: 5_000, parentId: parent.resellerId });
    const stranger = await createTenant(ctx.api, { credits: 5_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, parent.resellerId, {
      amount: 100,
      quantity: 1,
    });
    const ids = cards.map((c) => c.cardId);
    const toStranger = await edit(parent, {
      target: { kind: 'ids', ids },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: stranger.resellerId },
    });
    expect(toStranger.status).toBe(403);
    const byAffiliate = await edit(affiliate, {
      target: { kind: 'ids', ids },
      expiresAt: { mode: 'preserve' },
      ownerId: { mode: 'set', value: affiliate.resellerId },
    });
    expect(byAffiliate.status).toBe(200);
    expect(byAffiliate.body.changed).toBe(0);
    expect((await owners(ids)).get(ids[0]!)).toBe(parent.resellerId);
  });
});
