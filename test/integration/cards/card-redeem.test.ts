/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { groupPin } from '../../../core/cards/card-pin';
import { formatSerial } from '../../../core/cards/card-serial';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  useTestServer,
} from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();
const GENERIC = {
  code: 'card_redeem_failed',
  message: 'This card cannot be redeemed. Check the PIN (and serial) and try again.',
};

describe.each(serverBackends())('redeeming cards ($name)', (backend) => {
  const ctx = useTestServer(backend);

  async function cardRow(resellerId: string, cardId: string) {
    const rows = await ctx.db.query<any>(
      'SELECT status, customer_id, activated_at FROM cards WHERE reseller_id = $1 AND id = $2',
      [resellerId, cardId],
    );
    return rows[0];
  }

  it("activates a card once and credits the customer's wallet as a priority 50 grant from the liability", async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, {
      amount: 750,
      quantity: 3,
      grantValidityDays: 30,
    });
    const card = cards[0]!;
    const r = await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: t.token,
      body: { customerAccount: '+15550001111', pin: groupPin(card.pin) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      cardId: card.cardId,
      serial: card.serial,
      amount: 750,
      walletBalance: 750,
    });
    const row = await cardRow(t.resellerId, card.cardId);
    expect(row.status).toBe('activated');
    expect(row.customer_id).toBe(r.body.customerId);
    const grants = await ctx.db.query<any>(
      'SELECT amount::text, priority, source, source_id, expires_at FROM grants WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ amount: '750', priority: 50, source: 'card', source_id: card.cardId });
    expect(new Date(grants[0].expires_at).getTime()).toBe(Date.parse(r.body.activatedAt) + 30 * 86_400_000);
    const liability = await ctx.db.query<{ balance: string }>(
      `SELECT balance::text FROM accounts WHERE reseller_id = $1 AND kind = 'card_liability'`,
      [t.resellerId],
    );
    expect(liability[0]!.balance).toBe(String(2 * 750));

    const again = await ctx.api.call('POST', '/v1/terminal/cards/redeem', {
      token: t.token,
      body: { customerAccount: '+15550002222', pin: card.pin },
    });
    expect(again.status).toBe(400);
    expect(again.body).toEqual(GENERIC);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);

    // Serial + PIN (the scanner flow) and the customer's own redemption.
    const tok = await ctx.api.call('POST', '/v1/operator/customers/+15550001111/token', {
      token: TEST_OPERATOR_KEY,
      body: { resellerId: t.resellerId },
    });
    expect(tok.status, JSON.stringify(tok.body)).toBe(201);
    const own = await ctx.api.call('POST', '/v1/customer/cards/redeem', {
      token: tok.body.token,
      body: { pin: cards[1]!.pin, serial: cards[1]!.serial },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.walletBalance).toBe(1_500);
    const wallet = await ctx.api.call('GET', '/v1/customer/wallet', { token: tok.body.token });
    expect(wallet.body.balance).toBe(1_500);
    expect(await ledgerViolations(ctx.db, [t.resellerId])).toEqual([]);

    // An activated card can be neither edited nor deleted.
    await expect(
      ctx.db.query(`UPDATE cards SET expires_at = now() WHERE reseller_id = $1 AND id = $2`, [
        t.resellerId,
        card.cardId,
      ]),
    ).rejects.toThrow(/activated cards cannot be changed/);
    await expect(
      ctx.db.query(`DELETE FROM cards WHERE reseller_id = $1 AND id = $2`, [t.resellerId, card.cardId]),
    ).rejects.toThrow(/activated cards cannot be changed/);
  });

  it('answers one generic error for unknown, used, expired, void, wrong-serial, malformed and foreign cards', async () => {
    const t = await createTenant(ctx.api, { credits: 100_000 });
    const other = await createTenant(ctx.api, { credits: 100_000 });
    const { cards } = await mintWithPins(ctx.api, ctx.db, keys, t.resellerId, { amount: 100, quantity: 6 });
    const foreign = await mintWithPins(ctx.api, ctx.db, keys, other.resellerId, { amount: 100, quantity: 1 });
    const [expired, voided, used, scanned] = cards;
    await ctx.db.query(
      `UPDATE cards SET expires_at = now() - interval '1 second' WHERE reseller_id = $1 AND id = $2`,
      [t.resellerId, expired!.cardId],
    );
    await ctx.db.query(`UPDATE cards SET status = 'void' WHERE reseller_id = $1 AND id = $2`, [
      t.resellerId,
      voided!.cardId,
    ]);
    // Spread over terminals so this test stays under the per-terminal lockout threshold.
    const terminals = [t, await anotherTerminal(ctx.api, t)];
    const redeem = (i: number, pin: string, serial?: string) =>
      ctx.api.call('POST', '/v1/terminal/cards/redeem', {
        token: terminals[i % 2]!.token,
        body: { customerAccount: `+1555300${i}000`, pin, ...(serial ? { serial } : {}) },
      });
    expect((await redeem(0, used!.pin)).status).toBe(200);
    const wrongSerial = formatSerial(scanned!.serial.split('-')[0]!, 9_999_999);
    const failures = [
      await redeem(1, '000000000000'),
      await redeem(2, used!.pin),
      await redeem(3, expired!.pin),
      await redeem(4, voided!.pin),
      await redeem(5, scanned!.pin, wrongSerial),
      await redeem(
        6,
        scanned!.pin,
        scanned!.serial.slice(0, -1) + String((Number(scanned!.serial.slice(-1)) + 1) % 10),
      ),
      await redeem(7, 'abc'),
      await redeem(8, foreign.cards[0]!.pin),
    ];
    for (const f of failures) {
      expect(f.status).toBe(400);
      expect(f.body).toEqual(GENERIC);
    }
    // None of those attempts changed anything; the right serial still works.
    expect((await cardRow(t.resellerId, scanned!.cardId)).status).toBe('new');
    // (The server's expiry job may have marked the expired card meanwhile.)
    expect(['new', 'expired']).toContain((await cardRow(t.resellerId, expired!.cardId)).status);
    expect((await redeem(9, scanned!.pin, scanned!.serial)).status).toBe(200);
    const grants = await ctx.db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM grants WHERE reseller_id = $1',
      [t.resellerId],
    );
    expect(grants[0]!.n).toBe('2');
    expect(await ledgerViolations(ctx.db, [t.resellerId, other.resellerId])).toEqual([]);
  });
});
