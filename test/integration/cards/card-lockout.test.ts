/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { describe, expect, it } from 'vitest';
import { LOCKOUT_THRESHOLDS } from '../../../core/cards/redeem-lockout';
import { TEST_OPERATOR_KEY, anotherTerminal, createTenant, useTestServer } from '../server/api-harness';
import { serverBackends } from '../server/server-backends';
import { mintWithPins, useTestCardKeys } from './card-harness';

const keys = useTestCardKeys();

// Every request of this file comes from 127.0.0.1, so the per-address counter adds up across the tests, in order:
// 5 failures (customer lockout) + 10 (terminal lockout) + 5 (address lockout) reach the address threshold of 20.
describe.each(serverBackends())('redemption lockout ($name)', (backend) => {
  const ctx = useTestServer(backend);
  const redeem = (token: string, account: string, pin: string) =>
    ctx.api.call('POST', '/v1/terminal/cards/redeem', { token, body: { customerAccount: account, pin } });
  const expectLocked = (r: { status: number; body: any }) => {
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('card_redeem_locked');
    expect(r.body.details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(r.body.details.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(r.body.message).toMatch(/Try again in \d+ seconds/);
  };

  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let pins: string[];

  it('locks a customer account after repeated failures, on every terminal and on the customer route', async () => {
    tenant = await createTenant(ctx.api, { credits: 100_000 });
    const minted = await mintWithPins(ctx.api, ctx.db, keys, tenant.resellerId, {
      amount: 100,
      quantity: 10,
    });
    pins = minted.cards.map((c) => c.pin);
    const account = '+15554440000';
    // The customer exists (a failed attempt creates none): it redeemed a card before.
    expect((await redeem(tenant.token, account, pins[9]!)).status).toBe(200);
    for (let i = 0; i < LOCKOUT_THRESHOLDS.customer; i++) {
      const r = await redeem(tenant.token, account, `11111111111${i}`);
      expect(r.body.code).toBe('card_redeem_failed');
    }
    const other = await anotherTerminal(ctx.api, tenant);
    expectLocked(await redeem(other.token, account, pins[0]!));
    const tok = await ctx.api.call('POST', `/v1/operator/customers/${account}/token`, {
      token: TEST_OPERATOR_KEY,
      body: { resellerId: tenant.resellerId },
    });
    expect(tok.status).toBe(201);
    expectLocked(
      await ctx.api.call('POST', '/v1/customer/cards/redeem', {
        token: tok.body.token,
        body: { pin: pins[0] },
      }),
    );
    // The locked attempt looked nothing up: the card is still new and redeems for another account.
    const ok = await redeem(other.token, '+15554440001', pins[0]!);
    expect(ok.status).toBe(200);
  });

  it('locks a terminal after repeated failures, whatever the accounts; other terminals carry on', async () => {
    const t = await anotherTerminal(ctx.api, tenant);
    for (let i = 0; i < LOCKOUT_THRESHOLDS.terminal; i++) {
      const r = await redeem(t.token, `+155544410${String(i).padStart(2, '0')}`, `22222222222${i}`);
      expect(r.body.code).toBe('card_redeem_failed');
    }
    expectLocked(await redeem(t.token, '+15554441999', pins[1]!));
    const fresh = await anotherTerminal(ctx.api, tenant);
    expect((await redeem(fresh.token, '+15554441998', pins[1]!)).status).toBe(200);
    const stored = await ctx.db.query<any>(
      `SELECT failures, locked_until > now() AS locked FROM card_redeem_failures WHERE scope = 'terminal' AND key = $1`,
      [`${tenant.resellerId}:${t.terminal.terminalId}`],
    );
    expect(stored).toEqual([{ failures: LOCKOUT_THRESHOLDS.terminal, locked: true }]);
  });

  it('locks a source address after repeated failures across terminals and accounts', async () => {
    const t = await anotherTerminal(ctx.api, tenant);
    const done = LOCKOUT_THRESHOLDS.customer + LOCKOUT_THRESHOLDS.terminal;
    for (let i = done; i < LOCKOUT_THRESHOLDS.address; i++) {
      const r = await redeem(t.token, `+155544420${String(i).padStart(2, '0')}`, `33333333333${i % 10}`);
      expect(r.body.code).toBe('card_redeem_failed');
    }
    const fresh = await anotherTerminal(ctx.api, tenant);
    expectLocked(await redeem(fresh.token, '+15554442999', pins[2]!));
  });
});
