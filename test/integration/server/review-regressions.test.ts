import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import {
  readFeed,
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
  const pull = (t: TenantFixture) => readFeed(env.api, t.token);

  it('caps offline debt at the hard cap, whatever window a lying terminal claims and however often it syncs', async () => {
    const t = await createTenant(env.api, {
      floorLimits: { perSaleMax: 1_000, totalOfflineMax: 2_000, maxHoursSinceSync: 24 },
    });
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      await pull(t); // moves the terminal's last sync forward
      // Each claims a fresh window (nothing before it), as no honest terminal would with sales unanswered.
      const cmd = saleCommand(t, { offline: true, createdAt: new Date(Date.now() - 60_000).toISOString() });
      const claim = cmd.offlineClaim!;
      const [out] = await push(t, [{ ...cmd, offlineClaim: { ...claim, windowStart: claim.seq } }]);
      outcomes.push(out!.status === 'rejected' ? `${out!.reason}: ${out!.message}` : out!.status);
    }
    // No credits: two 950 debits reach -1900; a third would pass -2000, the sum of the terminals' offline limits.
    const hardCap =
      'floor_limit_exceeded: offline decisions would take the reseller below -2000, the hard cap of its terminals';
    expect(outcomes).toEqual(['applied', 'applied', hardCap, hardCap]);
    // The two sales did apply: the reseller owes exactly their wholesale.
    const view = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(view.body.balance).toBe(-1_900);
  });

  it('rejects sales dated in the future or outside 2000-2199 one by one; the good ones around them apply', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const future = { ...saleCommand(t), createdAt: new Date(Date.now() + 3_600_000).toISOString() };
    const yearZero = { ...saleCommand(t), createdAt: '0000-01-01T00:00:00Z' };
    const y1999 = { ...saleCommand(t), createdAt: '1999-12-31T23:59:00.000Z' };
    const out = await push(t, [saleCommand(t), future, yearZero, saleCommand(t), y1999, saleCommand(t)]);
    expect(out.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual([
      'applied',
      'invalid_command',
      'invalid_command',
      'applied',
      'invalid_command',
      'applied',
    ]);
  });

  it('refuses absurdly nested payloads without overflowing the stack, and only the command carrying one', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const depth = 100_000;
    const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const raw = JSON.stringify({ commands: [{ ...saleCommand(t), payload: '<deep>' }] }).replace(
      '"<deep>"',
      deep,
    );
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, raw });
    expect(r.status).toBe(200);
    expect(r.body.outcomes).toMatchObject([{ status: 'rejected', reason: 'invalid_payload' }]);
    // Only the command carrying one is rejected: the others of the batch apply.
    const nested = JSON.parse(`${'['.repeat(100)}1${']'.repeat(100)}`) as unknown;
    const out = await push(t, [{ ...saleCommand(t), payload: nested }, saleCommand(t)]);
    expect(out.map((o) => (o.status === 'rejected' ? o.reason : o.status))).toEqual([
      'invalid_payload',
      'applied',
    ]);
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
    // No HEAD route at all: not a 200 with an empty body that skipped the query validation the GET route has.
    expect(r.status).toBe(404);
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
      const feed = await pull(t);
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
