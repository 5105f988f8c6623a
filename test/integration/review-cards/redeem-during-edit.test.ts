/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from '../cards/card-harness';

const keys = useTestCardKeys();

/**
 * `redeem_card` reads the card's ctid, then updates `WHERE ctid = v_ctid`. When another transaction (a manager's mass
 * edit of the expiry, which keeps the card new and redeemable) holds the row, the redemption waits and PostgreSQL
 * re-checks the newest row version, whose ctid is not the one read: the valid card is answered
 * `card_redeem_failed`, and the failure counts against the lockout of the terminal, the customer and the address.
 */
describe.each(serverBackends())('redemption racing a mass edit ($name)', (backend) => {
  const env = useTestServer(backend);

  it('a new, unexpired card redeems even while a mass edit touches it', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const { cards } = await mintWithPins(env.api, env.db, keys, t.resellerId, { amount: 300, quantity: 1 });
    const card = cards[0]!;
    // A customer that exists, so the redemption is the one-statement path.
    const { cards: warm } = await mintWithPins(env.api, env.db, keys, t.resellerId, {
      amount: 1,
      quantity: 1,
    });
    const account = '+15550002222';
    expect(
      (
        await env.api.call('POST', '/v1/terminal/cards/redeem', {
          token: t.token,
          body: { customerAccount: account, pin: warm[0]!.pin },
        })
      ).status,
    ).toBe(200);

    let answer: Promise<{ status: number; body: any }> | undefined;
    await env.db.transaction(async (tx) => {
      // What editCards does for this card: a new expiry (still in the future), row locked until commit.
      await tx.query(
        "UPDATE cards SET expires_at = expires_at + interval '1 day' WHERE reseller_id = $1 AND id = $2 AND status = 'new'",
        [t.resellerId, card.cardId],
      );
      answer = env.api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: account, pin: card.pin },
      });
      // Wait (by progress) until the redemption is blocked on the edited row.
      for (let i = 0; i < 2_000; i++) {
        const w = await env.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%redeem_card%'",
        );
        if (w[0]!.n > 0) break;
        await new Promise((r) => setImmediate(r));
      }
    });
    const r = await answer!;
    const after = await env.db.query<any>('SELECT status FROM cards WHERE reseller_id = $1 AND id = $2', [
      t.resellerId,
      card.cardId,
    ]);
    // Whatever the answer, the card was new and unexpired throughout; if refused it stays new (a false refusal).
    expect(r.status === 200 || after[0].status === 'new').toBe(true);
    expect([r.status, r.body.code ?? r.body.serial]).toEqual([200, card.serial]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
