/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { TEST_OPERATOR_KEY, createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, nextYear, useTestCardKeys } from '../cards/card-harness';
import { moveTo, ownerOf, randomPrefix, waitingOn } from './owner-move-harness';

useTestCardKeys();

/**
 * Lock-order inversion between minting and an owner move into the same owner. Minting takes the owner's serial
 * counter row first (reserveSerialNumbers, at the start) and the owner's reseller lock last (for the journal entry);
 * a move takes the new owner's reseller lock first and its serial counter row late (to move it past the cards that
 * came in). A mint of prefix P for reseller R and a move into R of a card of prefix P deadlock: PostgreSQL aborts one
 * and its caller gets a 500. The test forces the interleaving by holding the counter row for a moment (both queue on
 * it, the mint first); no production path is changed.
 */
describe.each(serverBackends())('owner move vs minting ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('a mint for the new owner and a move into it (same prefix) both succeed', async () => {
    const parent = await createTenant(ctx.api, { credits: 1_000_000 });
    const affiliate = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const prefix = randomPrefix();
    const theirs = await mintThroughOperator(ctx.api, affiliate.resellerId, {
      amount: 100,
      quantity: 2,
      prefix,
    });
    const cardIds = (
      await ctx.db.query<{ id: string }>('SELECT id FROM cards WHERE reseller_id = $1 AND series_id = $2', [
        affiliate.resellerId,
        theirs.seriesId,
      ])
    ).map((r) => r.id);
    // The parent's counter of that prefix exists and is far past the affiliate's numbers (no serial collides).
    await ctx.db.query(
      `INSERT INTO card_serial_counters (reseller_id, prefix, last_number) VALUES ($1, $2, 1000)
       ON CONFLICT (reseller_id, prefix) DO UPDATE SET last_number = 1000`,
      [parent.resellerId, prefix],
    );

    let minted: Promise<{ status: number; body: any }> | undefined;
    let moved: Promise<{ status: number; body: any }> | undefined;
    await ctx.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM card_serial_counters WHERE reseller_id = $1 AND prefix = $2 FOR UPDATE', [
        parent.resellerId,
        prefix,
      ]);
      minted = ctx.api.call('POST', `/v1/operator/resellers/${parent.resellerId}/card-series`, {
        token: TEST_OPERATOR_KEY,
        body: { amount: 100, quantity: 5, prefix, currency: 'USD', expiresAt: nextYear() },
      });
      await waitingOn(ctx.db, 'card_serial_counters', 1); // the mint queues on the counter row first
      moved = moveTo(ctx.api, parent, cardIds, parent.resellerId);
      await waitingOn(ctx.db, 'card_serial_counters', 2); // the move holds the parent's lock and queues second
    });
    const [m, v] = await Promise.all([minted!, moved!]);
    expect({
      mint: m.status,
      move: v.status,
      mintBody: m.status >= 500 ? m.body : 'ok',
      moveBody: v.status >= 500 ? v.body : 'ok',
    }).toEqual({
      mint: 201,
      move: 200,
      mintBody: 'ok',
      moveBody: 'ok',
    });
    expect(v.body.changed).toBe(2);
    for (const id of cardIds) expect(await ownerOf(ctx.db, id)).toBe(parent.resellerId);
    expect(await ledgerViolations(ctx.db, [parent.resellerId, affiliate.resellerId])).toEqual([]);
  });
});
