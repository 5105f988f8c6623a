/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from '../cards/card-harness';
import { push, redeemCmd } from './review-harness';

const keys = useTestCardKeys();

/**
 * A `card.redeem` is executed while its batch loads, before the batch decides whether the command is a replay with a
 * different payload. A command id that an earlier command of the same push already took makes the redemption's
 * outcome `rejected` while the card was in fact redeemed and the customer credited: effect without its command.
 */
describe.each(serverBackends())('card.redeem effect vs its outcome ($name)', (backend) => {
  const env = useTestServer(backend);

  it('a card.redeem answered rejected (id reused) leaves the card unredeemed', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const { cards } = await mintWithPins(env.api, env.db, keys, t.resellerId, { amount: 700, quantity: 1 });
    const card = cards[0]!;
    const id = uuidv7();
    // Any command of another kind first takes the id (here a malformed sale, rejected invalid_payload).
    const other = {
      id,
      type: 'sale.create',
      payload: {},
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: false,
    };
    const out = await push(env.api, t, [other, redeemCmd(card.pin, '+15550009999', id)]);
    expect(out[1]).toMatchObject({ status: 'rejected', reason: 'id_reused_with_different_payload' });

    const rows = await env.db.query<any>('SELECT status FROM cards WHERE reseller_id = $1 AND id = $2', [
      t.resellerId,
      card.cardId,
    ]);
    const grants = await env.db.query<any>(
      'SELECT count(*)::int AS n FROM grants WHERE reseller_id = $1 AND source_id = $2',
      [t.resellerId, card.cardId],
    );
    // The terminal was told "rejected": nothing may have happened.
    expect({ status: rows[0].status, grants: grants[0].n }).toEqual({ status: 'new', grants: 0 });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
