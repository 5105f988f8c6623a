import { beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/sync/protocol';
import { hashSecret } from '../../../server/auth/secret-token';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  saleCommand,
  type ApiAnswer,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

const op = { token: TEST_OPERATOR_KEY };
const DAY = 24 * 3600_000;

describe.each(serverBackends())('customer tokens expire, rotate and can be revoked ($name)', (backend) => {
  const env = useTestServer(backend);
  let t: TenantFixture;
  /** Customers with a wallet (made by a sale to their account), one per test so rotations do not interfere. */
  const accounts = ['+15557770001', '+15557770002', '+15557770003', '+15557770004'];
  /** Customers for the concurrent-issue test (each pair races on its own customer). */
  const racing = ['+15557770011', '+15557770012', '+15557770013', '+15557770014', '+15557770015'];
  beforeAll(async () => {
    t = await createTenant(env.api, { credits: 10_000 });
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [...accounts, ...racing].map((account) => saleCommand(t, { account })) },
    });
    for (const o of pushResponseSchema.parse(r.body).outcomes) expect(o.status).toBe('applied');
  });

  const issue = (account: string, body: Record<string, unknown> = {}) =>
    env.api.call('POST', `/v1/operator/customers/${account}/token`, {
      ...op,
      body: { resellerId: t.resellerId, ...body },
    });
  const wallet = (token: string) => env.api.call('GET', '/v1/customer/wallet', { token });
  const expectCode = (r: ApiAnswer, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body).toMatchObject({ code, message: expect.any(String) });
  };

  it('sets a 30-day expiry at issue by default, or the days asked for', async () => {
    const r = await issue(accounts[0]!);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const row = await env.db.query<{ days: unknown }>(
      'SELECT extract(epoch FROM expires_at - created_at) / 86400 AS days FROM customer_tokens WHERE token_hash = $1',
      [hashSecret(r.body.token)],
    );
    expect(Number(row[0]!.days)).toBe(30);
    const short = await issue(accounts[0]!, { days: 7 });
    expect(Date.parse(short.body.expiresAt) - Date.parse(r.body.expiresAt)).toBeLessThan(-22 * DAY);
    expectCode(await issue(accounts[0]!, { days: 0 }), 400, 'invalid_input');
    expectCode(await issue(accounts[0]!, { days: 366 }), 400, 'invalid_input');
  });

  it('answers 401 token_expired once a token is past its expiry', async () => {
    const r = await issue(accounts[1]!);
    expect((await wallet(r.body.token)).status).toBe(200);
    // Expiry is the row's, checked against the database's clock: move the row, not the test, past it.
    await env.db.query(
      "UPDATE customer_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [hashSecret(r.body.token)],
    );
    expectCode(await wallet(r.body.token), 401, 'token_expired');
    expectCode(
      await env.api.call('GET', '/v1/customer/history', { token: r.body.token }),
      401,
      'token_expired',
    );
  });

  it('rotates: a new token for the customer stops the old one', async () => {
    const first = await issue(accounts[2]!);
    const second = await issue(accounts[2]!);
    expectCode(await wallet(first.body.token), 401, 'token_revoked');
    const w = await wallet(second.body.token);
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ account: accounts[2] });
  });

  it('lets the operator revoke every token of a customer, idempotently, and issue a working one later', async () => {
    const r = await issue(accounts[3]!);
    const revoked = await env.api.call('POST', `/v1/operator/customers/${accounts[3]}/tokens/revoke`, {
      ...op,
      body: { resellerId: t.resellerId },
    });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body).toEqual({ customerId: r.body.customerId, revoked: 1 });
    expectCode(await wallet(r.body.token), 401, 'token_revoked');
    const again = await env.api.call('POST', `/v1/operator/customers/${accounts[3]}/tokens/revoke`, {
      ...op,
      body: { resellerId: t.resellerId },
    });
    expect(again.body).toEqual({ customerId: r.body.customerId, revoked: 0 });
    // Only the operator may revoke: a terminal or the customer's own token is refused.
    for (const token of [t.token, r.body.token]) {
      const denied = await env.api.call('POST', `/v1/operator/customers/${accounts[3]}/tokens/revoke`, {
        token,
        body: { resellerId: t.resellerId },
      });
      expect(denied.status).toBe(401);
    }
    const fresh = await issue(accounts[3]!);
    expect((await wallet(fresh.body.token)).status).toBe(200);
    expectCode(
      await env.api.call('POST', '/v1/operator/customers/+15550000000/tokens/revoke', {
        ...op,
        body: { resellerId: t.resellerId },
      }),
      404,
      'not_found',
    );
  });

  it('leaves one working token when two are issued for a customer at the same time', async () => {
    for (const account of racing) {
      const [a, b] = await Promise.all([issue(account), issue(account)]);
      expect([a.status, b.status]).toEqual([201, 201]);
      const answers = [(await wallet(a.body.token)).status, (await wallet(b.body.token)).status].sort();
      expect(answers).toEqual([200, 401]);
    }
  });
});
