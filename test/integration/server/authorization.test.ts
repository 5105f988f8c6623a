/* eslint-disable @typescript-eslint/no-explicit-any -- tests probe untyped JSON answers of the API */
import { beforeAll, describe, expect, it } from 'vitest';
import { pushResponseSchema } from '../../../core/sync/protocol';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

describe.each(serverBackends())('authorization and tenant isolation ($name)', (backend) => {
  const env = useTestServer(backend);
  let a: TenantFixture;
  let b: TenantFixture;
  let aff: TenantFixture;
  let bCustomerToken: string;
  beforeAll(async () => {
    a = await createTenant(env.api, { credits: 10_000 });
    b = await createTenant(env.api, { credits: 10_000 });
    aff = await createTenant(env.api, { credits: 5_000, parentId: a.resellerId });
    for (const t of [a, b, aff]) {
      const r = await env.api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: [saleCommand(t, { account: t === b ? '+15559990000' : '+15558880000' })] },
      });
      expect(pushResponseSchema.parse(r.body).outcomes[0]!.status).toBe('applied');
    }
    const tok = await env.api.call('POST', '/v1/operator/customers/+15559990000/token', {
      token: TEST_OPERATOR_KEY,
      body: { resellerId: b.resellerId },
    });
    bCustomerToken = tok.body.token;
  });

  const expectError = (r: { status: number; body: any }, status: number, code: string) => {
    expect(r.status, JSON.stringify(r.body)).toBe(status);
    expect(r.body).toMatchObject({ code, message: expect.any(String) });
  };

  it("refuses a terminal reading another reseller's data, per route", async () => {
    expectError(
      await env.api.call('GET', `/v1/terminal/balance?resellerId=${b.resellerId}`, { token: a.token }),
      403,
      'forbidden',
    );
    expectError(
      await env.api.call('GET', `/v1/terminal/journal?resellerId=${b.resellerId}`, { token: a.token }),
      403,
      'forbidden',
    );
    expectError(
      await env.api.call('GET', `/v1/terminal/sales?resellerId=${b.resellerId}`, { token: a.token }),
      403,
      'forbidden',
    );
    expectError(
      await env.api.call('GET', '/v1/terminal/customers/+15559990000', { token: a.token }),
      404,
      'not_found',
    );
    const sales = await env.api.call('GET', '/v1/terminal/sales?limit=500', { token: a.token });
    expect(sales.body.sales.every((s: any) => s.resellerId !== b.resellerId)).toBe(true);
    const sb = await env.api.call('GET', `/v1/terminal/sales?terminalId=${b.terminal.terminalId}`, {
      token: a.token,
    });
    expect(sb.body.sales).toEqual([]);
    const pull = await env.api.call('GET', '/v1/terminal/sync/pull?limit=1000', { token: a.token });
    const text = JSON.stringify(pull.body);
    expect(text).not.toContain(b.resellerId);
    expect(text).not.toContain(b.terminal.terminalId);
  });

  it('lets a reseller see its affiliates but not the other way round', async () => {
    const r = await env.api.call('GET', `/v1/terminal/balance?resellerId=${aff.resellerId}`, {
      token: a.token,
    });
    expect(r.body).toMatchObject({ resellerId: aff.resellerId, balance: 5_000 - 950 });
    const sales = await env.api.call('GET', '/v1/terminal/sales', { token: a.token });
    expect(new Set(sales.body.sales.map((s: any) => s.resellerId))).toEqual(
      new Set([a.resellerId, aff.resellerId]),
    );
    expectError(
      await env.api.call('GET', `/v1/terminal/balance?resellerId=${a.resellerId}`, { token: aff.token }),
      403,
      'forbidden',
    );
  });

  it("cannot change another reseller: pushes land on the caller's own reseller only", async () => {
    const before = await env.api.call('GET', '/v1/terminal/balance', { token: b.token });
    const bCmd = saleCommand(b);
    // A replays B's command (same id and payload) with its own token: it is a command of A's, not a replay for B,
    // and it is refused because the sale number carries B's terminal prefix (numbers never collide across terminals).
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: a.token,
      body: { commands: [bCmd] },
    });
    expect(pushResponseSchema.parse(r.body).outcomes[0]).toMatchObject({
      status: 'rejected',
      reason: 'invalid_payload',
    });
    const after = await env.api.call('GET', '/v1/terminal/balance', { token: b.token });
    expect(after.body.balance).toBe(before.body.balance);
    const own = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: b.token,
      body: { commands: [bCmd] },
    });
    expect(pushResponseSchema.parse(own.body).outcomes[0]!.status).toBe('applied');
  });

  it('requires the right kind of token on every route', async () => {
    const cases: [string, string, unknown?][] = [
      ['GET', '/v1/terminal/balance'],
      ['GET', '/v1/terminal/journal'],
      ['GET', '/v1/terminal/sales'],
      ['GET', '/v1/terminal/sync/pull'],
      ['POST', '/v1/terminal/sync/push', { commands: [saleCommand(a)] }],
      ['GET', '/v1/terminal/customers/+15558880000'],
      ['POST', '/v1/operator/resellers', { name: 'X', currency: 'USD' }],
      ['GET', `/v1/operator/resellers/${a.resellerId}`],
      ['POST', `/v1/operator/resellers/${a.resellerId}/credits`, { amount: 1 }],
      ['GET', '/v1/operator/packages'],
      ['POST', `/v1/operator/packages/${a.pkg.id}/deactivate`],
      ['PATCH', `/v1/operator/packages/${a.pkg.id}`, { active: false }],
      [
        'POST',
        `/v1/operator/resellers/${a.resellerId}/enrollment-codes`,
        { floorLimits: { perSaleMax: 1, totalOfflineMax: 1, maxHoursSinceSync: 1 } },
      ],
      ['POST', '/v1/operator/customers/+15558880000/token', { resellerId: a.resellerId }],
      ['GET', '/v1/customer/wallet'],
      ['GET', '/v1/customer/history'],
    ];
    const tokens = {
      none: undefined,
      bogus: 'x'.repeat(43),
      terminal: a.token,
      operator: TEST_OPERATOR_KEY,
      customer: bCustomerToken,
    };
    for (const [method, path, body] of cases) {
      const needs = path.startsWith('/v1/terminal')
        ? 'terminal'
        : path.startsWith('/v1/operator')
          ? 'operator'
          : 'customer';
      for (const [kind, token] of Object.entries(tokens)) {
        if (kind === needs) continue;
        const r = await env.api.call(method, path, { token, body });
        expect(r.status, `${kind} token on ${method} ${path}`).toBe(401);
        expect(r.body.code).toBe('unauthorized');
      }
    }
    const pkg = await env.api.call('GET', '/v1/operator/packages', { token: TEST_OPERATOR_KEY });
    expect(pkg.body.packages.find((p: any) => p.id === a.pkg.id).active).toBe(true);
  });

  it('gives a customer token only its own wallet', async () => {
    const w = await env.api.call('GET', '/v1/customer/wallet', { token: bCustomerToken });
    expect(w.body).toMatchObject({ account: '+15559990000', balance: 1000 });
    const unknown = await env.api.call('POST', '/v1/operator/customers/+15559990000/token', {
      token: TEST_OPERATOR_KEY,
      body: { resellerId: a.resellerId },
    });
    expectError(unknown, 404, 'not_found');
  });

  it('consumes an enrollment code once', async () => {
    const code = await env.api.call('POST', `/v1/operator/resellers/${a.resellerId}/enrollment-codes`, {
      token: TEST_OPERATOR_KEY,
      body: { floorLimits: { perSaleMax: 1, totalOfflineMax: 1, maxHoursSinceSync: 1 } },
    });
    const tries = await Promise.all(
      [1, 2, 3].map(() =>
        env.api.call('POST', '/v1/terminal/enroll', { body: { code: code.body.code, terminalName: 'T' } }),
      ),
    );
    expect(tries.map((t) => t.status).sort()).toEqual([201, 400, 400]);
  });
});
