/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from '../cards/card-harness';
import { rawPush, redeemCmd } from './review-harness';

const keys = useTestCardKeys();

/**
 * Lock-order inversion between the two redemption paths. A push redeems its cards one after the other inside one
 * transaction, so after its first redemption it holds the reseller's card liability row (and the wallet) while it
 * goes for the next card row. A direct (or customer) redemption takes its card row first and the liability row
 * after. A push [A, B] racing a direct redemption of B deadlocks; PostgreSQL aborts one of them and the caller gets a
 * 500 (for the push: the whole batch, so the outbox stalls until a retry).
 * The test only forces the interleaving (by holding the liability row for a moment); it changes no production path.
 */
describe.each(serverBackends())('push and direct redemptions at once ($name)', (backend) => {
  const env = useTestServer(backend);

  it('a push redeeming two cards and a direct redemption of the second both get a 2xx/4xx answer', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const { cards } = await mintWithPins(env.api, env.db, keys, t.resellerId, { amount: 100, quantity: 3 });
    const [a, b, warm] = cards as [any, any, any];
    const account = '+15550003333';
    // Known customer: the direct path is the one-statement redemption.
    expect(
      (
        await env.api.call('POST', '/v1/terminal/cards/redeem', {
          token: t.token,
          body: { customerAccount: account, pin: warm.pin },
        })
      ).status,
    ).toBe(200);

    const waiting = async (n: number) => {
      for (let i = 0; i < 5_000; i++) {
        const w = await env.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%redeem_card%'",
        );
        if (w[0]!.n >= n) return;
        await new Promise((r) => setImmediate(r));
      }
      throw new Error(`never saw ${n} waiting redemptions`);
    };

    let pushed: Promise<{ status: number; body: any }> | undefined;
    let direct: Promise<{ status: number; body: any }> | undefined;
    await env.db.transaction(async (tx) => {
      await tx.query("SELECT 1 FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability' FOR UPDATE", [
        t.resellerId,
      ]);
      pushed = rawPush(env.api, t, [redeemCmd(a.pin, account), redeemCmd(b.pin, account)]);
      await waiting(1); // the push holds card A and waits for the liability row
      direct = env.api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: account, pin: b.pin },
      });
      await waiting(2); // the direct redemption holds card B and waits for the liability row
    });
    const [p, d] = await Promise.all([pushed!, direct!]);
    expect({
      push: p.status,
      direct: d.status,
      pushBody: p.status >= 500 ? p.body : 'ok',
      directBody: d.status >= 500 ? d.body : 'ok',
    }).toEqual({ push: 200, direct: expect.any(Number), pushBody: 'ok', directBody: 'ok' });
    expect(d.status).toBeLessThan(500);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });
});
