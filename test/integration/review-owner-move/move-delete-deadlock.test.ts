/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from '../cards/card-harness';
import { moveTo, randomPrefix, waitingOn } from './owner-move-harness';

useTestCardKeys();

/**
 * A parent's "Delete all" locks its owners one after the other, and after the first owner it already holds the
 * parent's change-feed counter row (the deletion goes on the parent's feed too) while it waits for the next owner's
 * reseller lock. A move between two affiliates takes both affiliates' reseller locks first and the parent's feed
 * counter last (the moved cards go on the parent's feed). The two deadlock; PostgreSQL aborts one and its caller
 * gets a 500. The test forces the interleaving by holding the parent's feed counter row for a moment (both queue on
 * it, the delete first); no production path is changed.
 */
describe.each(serverBackends())('owner move vs delete all ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it("a move between two affiliates and the parent's delete-all both answer without a 500", async () => {
    const parent = await createTenant(ctx.api, { credits: 100_000 });
    const first = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const second = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    // The delete visits owners in id order: make sure the parent comes before the affiliates (UUIDv7 ids).
    const [a, b] = [first.resellerId, second.resellerId].sort();
    expect(parent.resellerId < a!).toBe(true);
    await mintThroughOperator(ctx.api, parent.resellerId, {
      amount: 100,
      quantity: 1,
      prefix: randomPrefix(),
    });
    const series = await mintThroughOperator(ctx.api, a!, {
      amount: 100,
      quantity: 1,
      prefix: randomPrefix(),
    });
    const card = (
      await ctx.db.query<{ id: string }>('SELECT id FROM cards WHERE reseller_id = $1 AND series_id = $2', [
        a,
        series.seriesId,
      ])
    )[0]!.id;

    let deleted: Promise<{ status: number; body: any }> | undefined;
    let moved: Promise<{ status: number; body: any }> | undefined;
    await ctx.db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM change_counters WHERE reseller_id = $1 FOR UPDATE', [parent.resellerId]);
      deleted = ctx.api.call('POST', '/v1/terminal/cards/delete', {
        token: parent.token,
        body: { target: { kind: 'all' }, confirm: 'delete' },
      });
      await waitingOn(ctx.db, 'change_counters', 1); // the delete holds the parent's locks, waits for its feed
      moved = moveTo(ctx.api, parent, [card], b!);
      // The move waits too: before the fix on the parent's feed counter (holding both affiliates' locks, a deadlock
      // once the delete asks for them); since the delete takes every owner's lock first, on an affiliate's lock.
      await waitingOn(ctx.db, 'FOR UPDATE OF a', 1);
    });
    const [d, m] = await Promise.all([deleted!, moved!]);
    expect({
      delete: d.status,
      move: m.status,
      deleteBody: d.status >= 500 ? d.body : 'ok',
      moveBody: m.status >= 500 ? m.body : 'ok',
    }).toEqual({
      delete: 200,
      move: 200,
      deleteBody: 'ok',
      moveBody: 'ok',
    });
    expect(await ledgerViolations(ctx.db, [parent.resellerId, a!, b!])).toEqual([]);
  });
});
