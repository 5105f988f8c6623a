import { describe, expect, it } from 'vitest';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('cards table and delete ($name)', (backend) => {
  const ctx = useTestServer(backend);
  const balanceOf = async (id: string): Promise<number> =>
    (await ctx.api.call('GET', `/v1/operator/resellers/${id}`, { token: TEST_OPERATOR_KEY })).body.balance;

  it('lists and filters cards without PINs, then deletes only never-redeemed ones, returning value once', async () => {
    const parent = await createTenant(ctx.api, { credits: 100_000 });
    const child = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const stranger = await createTenant(ctx.api, { credits: 100_000 });
    const a = await mintWithPins(ctx.api, ctx.db, keys, parent.resellerId, { amount: 100, quantity: 12 });
    const b = await mintWithPins(ctx.api, ctx.db, keys, child.resellerId, { amount: 250, quantity: 4 });
    await mintWithPins(ctx.api, ctx.db, keys, stranger.resellerId, { amount: 100, quantity: 3 });
    const redeemed = await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: parent.token,
      body: { customerAccount: '+15558880000', pin: a.cards[0]!.pin },
    });
    expect(redeemed.status).toBe(200);

    const list = (query: string) =>
      ctx.api.call('GET', `/v1/terminal/cards?${query}`, { token: parent.token });
    const all = await list('limit=1000');
    expect(all.status).toBe(200);
    expect(all.body.cards).toHaveLength(16);
    const text = JSON.stringify(all.body);
    for (const c of [...a.cards, ...b.cards]) expect(text).not.toContain(c.pin);
    expect(Object.keys(all.body.cards[0]).sort()).not.toContain('pin');
    expect((await list('status=activated')).body.cards.map((c: { id: string }) => c.id)).toEqual([
      a.cards[0]!.cardId,
    ]);
    expect((await list(`prefix=${b.series.prefix}`)).body.cards).toHaveLength(4);
    expect((await list(`ownerId=${child.resellerId}&amount=250`)).body.cards).toHaveLength(4);
    expect(
      (await list(`serialFrom=${a.cards[2]!.serial}&serialTo=${a.cards[5]!.serial}`)).body.cards,
    ).toHaveLength(4);
    expect((await list(`ownerId=${stranger.resellerId}`)).status).toBe(403);
    // Pages follow each other without gaps or repeats.
    const seen: string[] = [];
    let after = '';
    for (;;) {
      const page = await list(`limit=5${after ? `&after=${after}` : ''}`);
      seen.push(...page.body.cards.map((c: { id: string }) => c.id));
      if (!page.body.hasMore) break;
      after = page.body.cursor;
    }
    expect(new Set(seen).size).toBe(16);

    // Confirmation required.
    const unconfirmed = await ctx.api.call('POST', '/v1/terminal/cards/delete', {
      token: parent.token,
      body: { target: { kind: 'all' } },
    });
    expect(unconfirmed.status).toBe(400);

    const del = (target: unknown) =>
      ctx.api.call('POST', '/v1/terminal/cards/delete', {
        token: parent.token,
        body: { target, confirm: 'delete' },
      });
    const byIds = await del({
      kind: 'ids',
      ids: [a.cards[0]!.cardId, a.cards[1]!.cardId, a.cards[2]!.cardId],
    });
    expect(byIds.body).toMatchObject({ deleted: 2, returnedValue: 200, skipped: { activated: 1 } });
    expect(await balanceOf(parent.resellerId)).toBe(100_000 - 1_200 + 200);

    const byFilter = await del({ kind: 'filter', filter: { ownerId: child.resellerId } });
    expect(byFilter.body).toMatchObject({ deleted: 4, returnedValue: 1_000, skipped: { activated: 0 } });
    expect(await balanceOf(child.resellerId)).toBe(100_000);

    const rest = await del({ kind: 'all' });
    expect(rest.body).toMatchObject({ deleted: 9, returnedValue: 900, skipped: { activated: 1 } });
    expect(await balanceOf(parent.resellerId)).toBe(100_000 - 100);
    const again = await del({ kind: 'all' });
    expect(again.body).toMatchObject({ deleted: 0, returnedValue: 0, skipped: { activated: 1 } });
    expect(await balanceOf(parent.resellerId)).toBe(100_000 - 100);

    // A deleted card's PIN redeems nothing; the stranger's cards were untouched.
    const dead = await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: parent.token,
      body: { customerAccount: '+15558880001', pin: a.cards[3]!.pin },
    });
    expect(dead.body.code).toBe('card_redeem_failed');
    expect(await balanceOf(stranger.resellerId)).toBe(100_000 - 300);
    const left = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cards WHERE reseller_id = ANY($1)',
      [[parent.resellerId, child.resellerId]],
    );
    expect(left[0]!.n).toBe(1);
    expect(
      await ledgerViolations(ctx.db, [parent.resellerId, child.resellerId, stranger.resellerId]),
    ).toEqual([]);
  });
});
