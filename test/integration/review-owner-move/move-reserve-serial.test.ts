import { describe, expect, it } from 'vitest';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintThroughOperator, useTestCardKeys } from '../cards/card-harness';
import { batchCmd, rawPush, reserve } from '../review-cards/review-harness';
import { moveTo, ownerOf, randomPrefix } from './owner-move-harness';

useTestCardKeys();

/**
 * A card moves into an owner whose terminal holds a PIN-reserve pair with the same serial. The move checks only the
 * new owner's `cards` for a taken serial, not its `card_reserve` (whose serials come from the same counter and are
 * printed on offline sheets). The pair's offline batch can then never be activated: its INSERT into `cards` hits the
 * unique index (reseller_id, serial), the whole push fails with a 500 and the terminal's outbox stalls behind it.
 */
describe.each(serverBackends())('owner move vs the PIN reserve ($name)', (backend) => {
  const ctx = useTestServer(backend);

  it('a card whose serial the new owner holds in its PIN reserve is skipped, and the reserve batch still syncs', async () => {
    const parent = await createTenant(ctx.api, { credits: 100_000 });
    const affiliate = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const prefix = randomPrefix();
    // The parent's terminal holds reserve pairs prefix-1..3 (from the parent's counter).
    const pairs = await reserve(ctx.api, parent, 3, prefix);
    expect(pairs.map((p) => p.serial.slice(0, prefix.length))).toEqual([prefix, prefix, prefix]);
    // The affiliate mints the same prefix: its own serials prefix-1..3.
    const series = await mintThroughOperator(ctx.api, affiliate.resellerId, {
      amount: 100,
      quantity: 3,
      prefix,
    });
    expect(series.firstSerial).toBe(pairs[0]!.serial);
    const cards = await ctx.db.query<{ id: string; serial: string }>(
      'SELECT id, serial FROM cards WHERE reseller_id = $1 AND series_id = $2 ORDER BY serial',
      [affiliate.resellerId, series.seriesId],
    );

    // The parent takes the affiliate's first card: the parent already uses that serial (a reserve pair).
    const moved = await moveTo(ctx.api, parent, [cards[0]!.id], parent.resellerId);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ changed: 0, skipped: { serialTaken: 1 } });
    expect(await ownerOf(ctx.db, cards[0]!.id)).toBe(affiliate.resellerId);

    // The parent's terminal drew its reserve offline (sheets printed) and now syncs the batch.
    const pushed = await rawPush(ctx.api, parent, [batchCmd([pairs[0]!.id], 100)]);
    expect(pushed.status, JSON.stringify(pushed.body).slice(0, 300)).toBe(200);
    expect(pushed.body.outcomes[0].status).toBe('applied');
    expect(await ledgerViolations(ctx.db, [parent.resellerId, affiliate.resellerId])).toEqual([]);
  });

  it('whatever the move answers, a later push of the reserve batch with that serial is applied (no 500, no stall)', async () => {
    const parent = await createTenant(ctx.api, { credits: 100_000 });
    const affiliate = await createTenant(ctx.api, { credits: 100_000, parentId: parent.resellerId });
    const prefix = randomPrefix();
    const pairs = await reserve(ctx.api, parent, 2, prefix);
    const series = await mintThroughOperator(ctx.api, affiliate.resellerId, {
      amount: 100,
      quantity: 2,
      prefix,
    });
    const cards = await ctx.db.query<{ id: string }>(
      'SELECT id FROM cards WHERE reseller_id = $1 AND series_id = $2 ORDER BY serial',
      [affiliate.resellerId, series.seriesId],
    );
    expect((await moveTo(ctx.api, parent, [cards[0]!.id], parent.resellerId)).status).toBe(200);

    const pushed = await rawPush(ctx.api, parent, [batchCmd([pairs[0]!.id], 100)]);
    expect(pushed.status, JSON.stringify(pushed.body).slice(0, 300)).toBe(200);
    expect(pushed.body.outcomes[0].status).toBe('applied');
    const serials = await ctx.db.query<{ serial: string }>(
      'SELECT serial FROM cards WHERE reseller_id = $1 ORDER BY serial',
      [parent.resellerId],
    );
    // Two cards of one owner never share a serial.
    expect(new Set(serials.map((s) => s.serial)).size).toBe(serials.length);
    expect(await ledgerViolations(ctx.db, [parent.resellerId, affiliate.resellerId])).toEqual([]);
  });
});
