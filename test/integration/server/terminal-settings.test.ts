import { beforeAll, describe, expect, it } from 'vitest';
import { readFeed, TEST_OPERATOR_KEY, createTenant, type TenantFixture, useTestServer } from './api-harness';
import { serverBackends } from './server-backends';

describe.each(serverBackends())('operator: terminal settings ($name)', (backend) => {
  const env = useTestServer(backend);
  let a: TenantFixture;
  let b: TenantFixture;
  beforeAll(async () => {
    a = await createTenant(env.api, { credits: 1_000 });
    b = await createTenant(env.api, { credits: 1_000 });
  });

  const op = { token: TEST_OPERATOR_KEY };
  const path = (t: TenantFixture, terminalId = t.terminal.terminalId) =>
    `/v1/operator/resellers/${t.resellerId}/terminals/${terminalId}`;
  const latestSettings = async (t: TenantFixture) => {
    const pull = await readFeed(env.api, t.token);
    return pull.changes.filter((c) => c.kind === 'terminal_settings').at(-1);
  };

  it('lists terminals with their limits', async () => {
    const r = await env.api.call('GET', `/v1/operator/resellers/${a.resellerId}/terminals`, op);
    expect(r.status).toBe(200);
    expect(r.body.terminals).toEqual([
      expect.objectContaining({ id: a.terminal.terminalId, floorLimits: a.terminal.floorLimits }),
    ]);
  });

  it('changes floor limits and name, and sends them down the change feed', async () => {
    const floorLimits = { perSaleMax: 1234, totalOfflineMax: 5678, maxHoursSinceSync: 6 };
    const r = await env.api.call('PATCH', path(a), { ...op, body: { floorLimits, name: 'Back counter' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ name: 'Back counter', floorLimits });
    expect(await latestSettings(a)).toMatchObject({
      kind: 'terminal_settings',
      data: { terminalId: a.terminal.terminalId, terminalName: 'Back counter', floorLimits },
    });
  });

  it('refuses bad input and other resellers’ terminals, changing nothing', async () => {
    const before = await latestSettings(b);
    for (const body of [
      {},
      { floorLimits: { perSaleMax: -1, totalOfflineMax: 1, maxHoursSinceSync: 1 } },
      { name: '' },
      { evil: 1 },
    ]) {
      const r = await env.api.call('PATCH', path(b), { ...op, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body).toMatchObject({ code: 'invalid_input', message: expect.any(String) });
    }
    const wrongOwner = await env.api.call('PATCH', path(a, b.terminal.terminalId), {
      ...op,
      body: { name: 'Hijack' },
    });
    expect(wrongOwner.status).toBe(404);
    const asTerminal = await env.api.call('PATCH', path(b), {
      token: b.token,
      body: { name: 'Self-service' },
    });
    // A terminal token is not the operator key: refused as unauthenticated for this route.
    expect(asTerminal.status).toBe(401);
    expect(asTerminal.body).toMatchObject({ code: 'unauthorized', message: 'invalid operator key' });
    expect(await latestSettings(b)).toEqual(before);
  });
});
