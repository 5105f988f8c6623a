import { describe, expect, it } from 'vitest';
import { expireCards } from '../../../server/cards/card-expiry';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from './card-harness';

useTestCardKeys();

/** One expiry run expires every card past its date, however many: a backlog of several batches included. */
describe.each(serverBackends())('card expiry of a backlog larger than one batch ($name)', (backend) => {
  // A database of its own: an expiry run takes every due card, other test files' included.
  const ctx = useTestServer(backend, { isolated: true });

  it('expires all 7 due cards in batches of 3 (3, 3, 1) in one run and returns their whole value', async () => {
    const t = await createTenant(ctx.api, { credits: 100 });
    const series = await mintThroughOperator(ctx.api, t.resellerId, { amount: 5, quantity: 7 });
    expect(series.balance).toBe(100 - 35);
    // The series' date passes (the clock moved on).
    await ctx.db.query(`UPDATE cards SET expires_at = now() - interval '1 second' WHERE reseller_id = $1`, [
      t.resellerId,
    ]);

    expect(await expireCards(ctx.db, 3)).toEqual({ cards: 7, value: 35, resellers: 1 });

    const rows = await ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM cards WHERE reseller_id = $1 GROUP BY status ORDER BY status',
      [t.resellerId],
    );
    expect(rows).toEqual([{ status: 'expired', n: 7 }]);
    const entries = await ctx.db.query<{ memo: string }>(
      "SELECT memo FROM journal_entries WHERE reseller_id = $1 AND kind = 'card_expiry' ORDER BY id",
      [t.resellerId],
    );
    expect(entries.map((e) => e.memo)).toEqual(['3 cards expired', '3 cards expired', '1 cards expired']);
    const reseller = await ctx.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(reseller.body.balance).toBe(100);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });
});
