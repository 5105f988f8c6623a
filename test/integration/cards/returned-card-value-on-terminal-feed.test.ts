import { describe, expect, it } from 'vitest';
import { pullResponseSchema, type Change } from '../../../core/sync/protocol';
import { expireCards } from '../../../server/cards/card-expiry';
import { createTenant, useTestServer, type TenantFixture } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

/**
 * Value returned from cards (deleted or expired) lands in the owner's credits; its terminals learn the new credit
 * balance from the change feed, as after any other movement of credits.
 */
describe.each(serverBackends())('returned card value on the terminal feed ($name)', (backend) => {
  // A database of its own: an expiry run takes every due card, other test files' included.
  const ctx = useTestServer(backend, { isolated: true });

  const lastBalanceOnFeed = async (t: TenantFixture): Promise<number | undefined> => {
    const changes: Change[] = [];
    let cursor = '0';
    for (;;) {
      const r = await ctx.api.call('GET', `/v1/terminal/sync/pull?cursor=${cursor}&limit=1000`, {
        token: t.token,
      });
      const page = pullResponseSchema.parse(r.body);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const last = changes.filter((c) => c.kind === 'balance').at(-1);
    return last?.kind === 'balance' ? last.data.balance : undefined;
  };

  it('tells the terminals the credit balance after deleted cards return their value', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 5 });
    expect(await lastBalanceOnFeed(t)).toBe(9_500);

    const del = await ctx.api.call('POST', '/v1/terminal/cards/delete', {
      token: t.token,
      body: { target: { kind: 'ids', ids: [cards[0]!.cardId, cards[1]!.cardId] }, confirm: 'delete' },
    });
    expect(del.body).toMatchObject({ deleted: 2, returnedValue: 200 });
    expect(await lastBalanceOnFeed(t)).toBe(9_700);
  });

  it('tells the terminals the credit balance after expired cards return their value', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 5 });
    // The cards' date passes (the clock moved on).
    await ctx.db.query(
      `UPDATE cards SET expires_at = now() - interval '1 second' WHERE reseller_id = $1 AND id = ANY($2::uuid[])`,
      [t.resellerId, cards.slice(0, 3).map((c) => c.cardId)],
    );
    await expireCards(ctx.db);
    expect(await lastBalanceOnFeed(t)).toBe(9_800);
  });
});
