import { describe, expect, it } from 'vitest';
import { pullResponseSchema, pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  saleCommand,
  uniqueCode,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

describe.each(serverBackends())('offline window, dates, HEAD and the catalog feed ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: OutboxCommand[]) =>
    pushResponseSchema.parse(
      (await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } })).body,
    ).outcomes;
  const pull = (t: TenantFixture) =>
    env.api.call('GET', '/v1/terminal/sync/pull?cursor=0&limit=1000', { token: t.token });

  it('caps offline overdraft however often a terminal syncs, even with back-dated sales', async () => {
    const t = await createTenant(env.api, {
      floorLimits: { perSaleMax: 1_000, totalOfflineMax: 2_000, maxHoursSinceSync: 24 },
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      await pull(t); // moves the terminal's last sync forward
      const cmd = {
        ...saleCommand(t, { offline: true }),
        createdAt: new Date(Date.now() - 60_000).toISOString(),
      };
      outcomes.push((await push(t, [cmd]))[0]!.status);
    }
    // Two 1000 sales fill the 2000 window; pulls between pushes do not reset it for sales dated before the pull.
    expect(outcomes.filter((o) => o === 'applied').length).toBeLessThanOrEqual(2);
    expect(outcomes).toContain('rejected');
  });

  it('refuses sales dated in the future and timestamps outside 2000-2199 (400, never 500)', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const future = { ...saleCommand(t), createdAt: new Date(Date.now() + 3_600_000).toISOString() };
    expect((await push(t, [future]))[0]).toMatchObject({ status: 'rejected', reason: 'invalid_payload' });
    const yearZero = { ...saleCommand(t), createdAt: '0000-01-01T00:00:00Z' };
    const r = await env.api.call('POST', '/v1/terminal/sync/push', {
      token: t.token,
      body: { commands: [yearZero] },
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'invalid_input' });
  });

  it('refuses absurdly nested payloads with a 400 instead of overflowing the stack', async () => {
    const t = await createTenant(env.api);
    const depth = 100_000;
    const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const raw = JSON.stringify({ commands: [{ ...saleCommand(t), payload: '<deep>' }] }).replace(
      '"<deep>"',
      deep,
    );
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, raw });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'invalid_input' });
  });

  it('refuses credits that would overflow a balance with a 400, changing nothing', async () => {
    const t = await createTenant(env.api, { credits: 1_000 });
    const add = (amount: number) =>
      env.api.call('POST', `/v1/operator/resellers/${t.resellerId}/credits`, {
        token: TEST_OPERATOR_KEY,
        body: { amount },
      });
    const r = await add(Number.MAX_SAFE_INTEGER);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'invalid_input' });
    const view = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(view.body.balance).toBe(1_000);
  });

  it('has no implicit HEAD routes that would skip validation', async () => {
    const t = await createTenant(env.api);
    const r = await fetch(`${env.api.url}/v1/terminal/sync/pull?cursor=abc`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(r.status).toBeLessThan(500);
  });

  it('gives every new reseller every package, even when created alongside a catalog change', async () => {
    const code = uniqueCode('RACE');
    const [created, ...tenants] = await Promise.all([
      env.api.call('POST', '/v1/operator/packages', {
        token: TEST_OPERATOR_KEY,
        body: {
          code,
          name: 'Race pack',
          kind: 'topup',
          faceValue: 100,
          wholesalePrice: 90,
          retailPrice: 100,
          currency: 'USD',
          validityDays: null,
        },
      }),
      ...Array.from({ length: 4 }, () => createTenant(env.api)),
    ]);
    expect(created.status).toBe(201);
    for (const t of tenants) {
      const feed = pullResponseSchema.parse((await pull(t)).body);
      expect(feed.changes.some((c) => c.kind === 'package' && c.data.code === code)).toBe(true);
    }
  });

  it('answers 409, not 500, when the same package code is created concurrently', async () => {
    const code = uniqueCode('DUP');
    const body = {
      code,
      name: 'Dup',
      kind: 'topup',
      faceValue: 100,
      wholesalePrice: 90,
      retailPrice: 100,
      currency: 'USD',
      validityDays: null,
    };
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        env.api.call('POST', '/v1/operator/packages', { token: TEST_OPERATOR_KEY, body }),
      ),
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([201, 409, 409, 409]);
  });
});
