/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../../server/db/database';
import { editCards } from '../../../server/cards/card-mass-edit';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from '../cards/card-harness';
import { credits, edit, moveTo, ownerOf, randomPrefix, waitingOn } from './owner-move-harness';

const keys = useTestCardKeys();

/**
 * The mass edit picks its cards among the caller's owners with a plain SELECT, then changes them without checking
 * under the locks that they still belong to those owners. A card the parent moves away from an affiliate meanwhile is
 * still edited by the affiliate's terminal: its expiry (the UPDATE matches by id only, where it matched
 * `reseller_id = ANY(owners)` before the owner move commit), or its owner (moveCards re-reads the owners of the
 * picked ids and locks and moves cards of whatever owner it finds, here the parent).
 */
describe.each(serverBackends())('mass edit re-checks the caller owns the cards ($name)', (backend) => {
  const ctx = useTestServer(backend);

  const setup = async () => {
    const parent = await createTenant(ctx.api, { credits: 100_000 });
    const affiliate = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const prefix = randomPrefix();
    const series = await mintThroughOperator(ctx.api, affiliate.resellerId, {
      amount: 100,
      quantity: 1,
      prefix,
    });
    const rows = await ctx.db.query<{ id: string; expires_at: Date }>(
      'SELECT id, expires_at FROM cards WHERE reseller_id = $1 AND series_id = $2',
      [affiliate.resellerId, series.seriesId],
    );
    return { parent, affiliate, prefix, card: rows[0]!.id, expiresAt: rows[0]!.expires_at.toISOString() };
  };

  it("an affiliate's expiry edit racing the parent's move does not change the parent's card", async () => {
    const { parent, affiliate, card, expiresAt } = await setup();
    const newExpiry = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString();
    let moved: Promise<{ status: number; body: any }> | undefined;
    let edited: Promise<{ status: number; body: any }> | undefined;
    await ctx.db.transaction(async (tx) => {
      // Holds the parent's move after it locked and changed the card (it waits for the parent's feed counter).
      await tx.query('SELECT 1 FROM change_counters WHERE reseller_id = $1 FOR UPDATE', [parent.resellerId]);
      moved = moveTo(ctx.api, parent, [card], parent.resellerId);
      await waitingOn(ctx.db, 'change_counters', 1);
      // The affiliate's terminal sets a new expiry on all its cards: it still sees the card as its own.
      edited = edit(ctx.api, affiliate, {
        target: { kind: 'all' },
        expiresAt: { mode: 'set', value: newExpiry },
      });
      await waitingOn(ctx.db, 'SET expires_at', 1);
    });
    const [m, e] = await Promise.all([moved!, edited!]);
    expect(m.status).toBe(200);
    expect(m.body.changed).toBe(1);
    expect(await ownerOf(ctx.db, card)).toBe(parent.resellerId);
    expect(e.status).toBe(200);
    // The card is the parent's now: the affiliate's edit must leave it alone.
    const after = await ctx.db.query<{ expires_at: Date }>('SELECT expires_at FROM cards WHERE id = $1', [
      card,
    ]);
    expect({ changed: e.body.changed, expiresAt: after[0]!.expires_at.toISOString() }).toEqual({
      changed: 0,
      expiresAt,
    });
  });

  it("an affiliate's owner edit racing the parent's move does not take the parent's card back", async () => {
    const { parent, affiliate, card } = await setup();
    // The parent's move commits between the affiliate edit's choice of cards and its move step (forced by pausing
    // the affiliate's transaction before the owners read; no production code changes).
    let injected = false;
    const pausing = (tx: Queryable): Queryable => ({
      execScript: (sql) => tx.execScript(sql),
      query: async (sql, params) => {
        if (!injected && sql.includes('SELECT reseller_id, serial FROM cards')) {
          injected = true;
          const m = await moveTo(ctx.api, parent, [card], parent.resellerId);
          expect(m.status).toBe(200);
          expect(m.body.changed).toBe(1);
        }
        return tx.query(sql, params);
      },
    });
    const db: Database = {
      kind: ctx.db.kind,
      query: (sql, params) => ctx.db.query(sql, params),
      execScript: (sql) => ctx.db.execScript(sql),
      transaction: (fn) => ctx.db.transaction((tx) => fn(pausing(tx))),
      close: async () => undefined,
    };
    const before = {
      parent: await credits(ctx.db, parent.resellerId),
      affiliate: await credits(ctx.db, affiliate.resellerId),
    };
    // What the route runs for the affiliate's terminal: its owners are [itself], and it may only name itself.
    const r = await editCards(
      db,
      keys,
      [affiliate.resellerId],
      { kind: 'ids', ids: [card] },
      {
        expiresAt: { mode: 'preserve' },
        ownerId: { mode: 'set', value: affiliate.resellerId },
      },
    );
    expect(injected).toBe(true);
    expect({ changed: r.changed, owner: await ownerOf(ctx.db, card) }).toEqual({
      changed: 0,
      owner: parent.resellerId,
    });
    // The parent's move paid the affiliate 100 and charged the parent 100; nothing more changed hands.
    expect(await credits(ctx.db, parent.resellerId)).toBe(before.parent - 100);
    expect(await credits(ctx.db, affiliate.resellerId)).toBe(before.affiliate + 100);
    expect(await ledgerViolations(ctx.db, [parent.resellerId, affiliate.resellerId])).toEqual([]);
  });
});
