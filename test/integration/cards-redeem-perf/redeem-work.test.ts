/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API and of EXPLAIN */
import { describe, expect, it } from 'vitest';
import { redeemCard } from '../../../server/cards/card-redemption';
import type { Database } from '../../../server/db/database';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from '../cards/card-harness';

const keys = useTestCardKeys();

/** Shared buffers (hit or read) a plan node and everything under it touched, from EXPLAIN (ANALYZE, BUFFERS). */
function buffersOf(plan: any): number {
  return Number(plan['Shared Hit Blocks'] ?? 0) + Number(plan['Shared Read Blocks'] ?? 0);
}

/**
 * The service's Database, except that before the redemption statement runs for real it is run once under
 * EXPLAIN (ANALYZE, BUFFERS) in a transaction that is rolled back, and the shared buffers it touched are recorded: the
 * work of the very statement and parameters the service sends, nothing written by the measuring run.
 */
function measuringRedemptions(db: Database): { db: Database; buffers: number[] } {
  const buffers: number[] = [];
  const measure = async (sql: string, params: readonly unknown[] | undefined) => {
    if (!sql.includes('redeem_card(')) return;
    await db
      .transaction(async (tx) => {
        const rows = await tx.query<any>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params);
        buffers.push(buffersOf(rows[0]['QUERY PLAN'][0].Plan));
        throw new Error('rolled back on purpose');
      })
      .catch((err: unknown) => {
        if (!(err instanceof Error) || err.message !== 'rolled back on purpose') throw err;
      });
  };
  return {
    buffers,
    db: {
      kind: db.kind,
      execScript: (sql) => db.execScript(sql),
      close: () => db.close(),
      query: async (sql, params) => {
        await measure(sql, params);
        return db.query(sql, params);
      },
      transaction: (fn) => db.transaction(fn),
    },
  };
}

describe.each(serverBackends())('the work of one redemption ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('puts the card, as card_view_json shows it, on the feeds of its owner and of the parent, once each', async () => {
    const parent = await createTenant(ctx.api, { credits: 1_000_000 });
    const child = await createTenant(ctx.api, { credits: 1_000_000, parentId: parent.resellerId });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, child.resellerId, {
      amount: 300,
      quantity: 3,
    });
    const lastSeq = async (resellerId: string) =>
      Number(
        (
          await ctx.db.query<{ s: string }>(
            'SELECT last_seq::text AS s FROM change_counters WHERE reseller_id = $1',
            [resellerId],
          )
        )[0]!.s,
      );
    const before = { child: await lastSeq(child.resellerId), parent: await lastSeq(parent.resellerId) };

    const r = await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: child.token,
      body: { customerAccount: '+15550007001', pin: cards[1]!.pin },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const view = await ctx.db.query<{ v: unknown }>(
      'SELECT card_view_json(c) AS v FROM cards c WHERE c.reseller_id = $1 AND c.id = $2',
      [child.resellerId, cards[1]!.cardId],
    );
    expect(view[0]!.v).toMatchObject({
      id: cards[1]!.cardId,
      status: 'activated',
      customerId: r.body.customerId,
      activatedAt: r.body.activatedAt,
    });
    for (const [resellerId, from] of [
      [child.resellerId, before.child],
      [parent.resellerId, before.parent],
    ] as const) {
      const entries = await ctx.db.query<{ seq: string; kind: string; data: unknown }>(
        'SELECT seq::text, kind, data FROM changes WHERE reseller_id = $1 AND seq > $2 ORDER BY seq',
        [resellerId, from],
      );
      expect(entries.map((e) => [Number(e.seq), e.kind, e.data])).toEqual([
        [from + 1, 'cards', { cards: [view[0]!.v] }],
      ]);
      expect(await lastSeq(resellerId)).toBe(from + 1);
    }
    expect(await ledgerViolations(ctx.db, [parent.resellerId, child.resellerId])).toEqual([]);
  });

  it("does not grow with the number of cards the reseller holds (no statement walks the reseller's cards)", async () => {
    const t = await createTenant(ctx.api, { credits: 100_000_000 });
    const measured = measuringRedemptions(ctx.db);
    const redeem = (pin: string, account: string) =>
      redeemCard(
        measured.db,
        keys,
        {
          resellerId: t.resellerId,
          customer: { account },
          lockoutKeys: [{ scope: 'terminal', key: `${t.resellerId}:work` }],
        },
        { pin },
      );
    const few = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 40 });
    // The customer exists first, so every measured attempt is the one-statement path.
    await redeem(few.cards[0]!.pin, '+15550007002');
    for (const card of few.cards.slice(1, 11)) await redeem(card.pin, '+15550007002');
    const withFew = measured.buffers.slice(-5);

    await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 20_000 });
    for (const card of few.cards.slice(11, 21)) await redeem(card.pin, '+15550007002');
    const withMany = measured.buffers.slice(-5);

    // 500 times the cards: an index gets a level deeper here and there, but nothing reads them one by one.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    expect(median(withMany)).toBeLessThanOrEqual(median(withFew) + 25);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });

  it('evaluates the card feed view inline, not as a function call of its own', async () => {
    const rows = await ctx.db.query<any>(
      'EXPLAIN (VERBOSE, FORMAT JSON) SELECT card_view_json(c) FROM cards c LIMIT 1',
    );
    const output = JSON.stringify(rows[0]['QUERY PLAN'][0].Plan);
    expect(output).toContain('jsonb_build_object');
    expect(output).not.toContain('card_view_json');
  });
});
