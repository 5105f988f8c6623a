import { describe, expect, it } from 'vitest';
import { expireCards } from '../../../server/cards/card-expiry';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('card expiry ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('returns the value of expired cards to the owner once, even with overlapping runs', async () => {
    const t = await createTenant(ctx.api, { credits: 10_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 5 });
    const past = cards.slice(0, 3).map((c) => c.cardId);
    await ctx.db.query(
      `UPDATE cards SET expires_at = now() - interval '1 second' WHERE reseller_id = $1 AND id = ANY($2::uuid[])`,
      [t.resellerId, past],
    );
    const expiredPin = cards[0]!.pin;
    const r = await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: t.token,
      body: { customerAccount: '+15556660000', pin: expiredPin },
    });
    expect(r.body.code).toBe('card_redeem_failed');

    // Other tests' resellers may have due cards too: count only this reseller's.
    const runs = await Promise.all([
      expireCards(ctx.db),
      expireCards(ctx.db),
      expireCards(ctx.db),
      expireCards(ctx.db),
    ]);
    expect(runs.reduce((s, x) => s + x.cards, 0)).toBeGreaterThanOrEqual(3);
    const rows = await ctx.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM cards WHERE reseller_id = $1 GROUP BY status ORDER BY status`,
      [t.resellerId],
    );
    expect(rows).toEqual([
      { status: 'expired', n: 3 },
      { status: 'new', n: 2 },
    ]);
    const reseller = await ctx.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(reseller.body.balance).toBe(10_000 - 500 + 300);
    const entries = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM journal_entries WHERE reseller_id = $1 AND kind = 'card_expiry'`,
      [t.resellerId],
    );
    // Overlapping runs may split the cards between them: one entry each, the value returned once in total.
    expect(entries[0]!.n).toBeGreaterThanOrEqual(1);
    expect(entries[0]!.n).toBeLessThanOrEqual(3);
    const lookups = await ctx.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM card_pin_lookup WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(lookups[0]!.n).toBe(2);
    expect((await expireCards(ctx.db)).cards).toBe(0);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });
});
