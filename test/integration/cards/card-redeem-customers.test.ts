import { describe, expect, it } from 'vitest';
import { redeemWithin } from '../../../server/cards/card-redemption';
import { createTenant, ledgerViolations, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

describe.each(serverBackends())('redemption and first-time customers ($name)', (backend) => {
  const ctx = useTestServer(backend);

  const customerCount = async (resellerId: string, account: string) =>
    (
      await ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM customers WHERE reseller_id = $1 AND account_number = $2',
        [resellerId, account],
      )
    )[0]!.n;
  const failures = async (key: string) =>
    (
      await ctx.db.query<{ failures: number }>(
        `SELECT failures FROM card_redeem_failures WHERE scope = 'terminal' AND key = $1`,
        [key],
      )
    )[0]?.failures ?? 0;

  it('creates a first-time customer only when the redemption succeeds, over the API', async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 250, quantity: 2 });
    const account = '+15556660000';
    const redeem = (pin: string) =>
      ctx.api.call('POST', '/v1/terminal/cards/redeem', {
        token: t.token,
        body: { customerAccount: account, pin },
      });
    expect((await redeem('999999999999')).body.code).toBe('card_redeem_failed');
    expect(await customerCount(t.resellerId, account)).toBe(0);
    const first = await redeem(cards[0]!.pin);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.walletBalance).toBe(250);
    expect(await customerCount(t.resellerId, account)).toBe(1);
    // The second redemption finds the customer (the one-statement path) and adds to the same wallet.
    const second = await redeem(cards[1]!.pin);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body).toMatchObject({ customerId: first.body.customerId, walletBalance: 500 });
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });

  it("redeems inside a caller's transaction: a miss leaves no customer and counts, a success creates it", async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 300, quantity: 1 });
    const account = '+15556660001';
    const key = `${t.resellerId}:within-test`;
    const who = {
      resellerId: t.resellerId,
      customer: { account },
      lockoutKeys: [{ scope: 'terminal' as const, key }],
    };
    const missed = await ctx.db.transaction((tx) => redeemWithin(tx, keys, who, { pin: '888888888888' }));
    expect(missed).toEqual({ ok: false, lockedForSeconds: null });
    expect(await customerCount(t.resellerId, account)).toBe(0);
    expect(await failures(key)).toBe(1);
    const malformed = await ctx.db.transaction((tx) => redeemWithin(tx, keys, who, { pin: 'abc' }));
    expect(malformed).toEqual({ ok: false, lockedForSeconds: null });
    expect(await failures(key)).toBe(2);

    const done = await ctx.db.transaction((tx) => redeemWithin(tx, keys, who, { pin: cards[0]!.pin }));
    expect(done.ok).toBe(true);
    if (!done.ok) return;
    expect(done.result).toMatchObject({ cardId: cards[0]!.cardId, amount: 300, walletBalance: 300 });
    expect(await customerCount(t.resellerId, account)).toBe(1);
    const again = await ctx.db.transaction((tx) => redeemWithin(tx, keys, who, { pin: cards[0]!.pin }));
    expect(again).toEqual({ ok: false, lockedForSeconds: null });
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);
  });
});
