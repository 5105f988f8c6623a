import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import {
  TEST_OPERATOR_KEY,
  createTenant,
  ledgerViolations,
  saleCommand,
  type TenantFixture,
  useTestServer,
} from './api-harness';
import { serverBackends } from './server-backends';

/** The server's side of the offline promise: it judges each offline sale by the claim it carries. */
describe.each(serverBackends())('offline claims ($name)', (backend) => {
  const env = useTestServer(backend);

  const push = async (t: TenantFixture, commands: OutboxCommand[]) => {
    const r = await env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const statusOf = (o: { status: string; reason?: string }) =>
    o.status === 'rejected' ? o.reason : o.status;

  it('judges with the limits version the terminal had pulled: a lowered limit binds only once published to it', async () => {
    const t = await createTenant(env.api, {
      credits: 100_000,
      floorLimits: { perSaleMax: 5_000, totalOfflineMax: 20_000, maxHoursSinceSync: 24 },
    });
    const lowered = await env.api.call(
      'PATCH',
      `/v1/operator/resellers/${t.resellerId}/terminals/${t.terminal.terminalId}`,
      {
        token: TEST_OPERATOR_KEY,
        body: { floorLimits: { perSaleMax: 500, totalOfflineMax: 20_000, maxHoursSinceSync: 24 } },
      },
    );
    expect(lowered.status, JSON.stringify(lowered.body)).toBe(200);
    expect(lowered.body.limitsVersion).toBe(2);
    const out = await push(t, [
      saleCommand(t, { offline: true }), // 1000 under version 1 (perSaleMax 5000): honoured
      saleCommand(t, { offline: true, claim: { limitsVersion: 2 } }), // 1000 under version 2 (500): cannot be
      saleCommand(t, { offline: true, claim: { limitsVersion: 3 } }), // never published
    ]);
    expect(out.map(statusOf)).toEqual(['applied', 'floor_limit_exceeded', 'unknown_version']);
  });

  it('refuses what no honest terminal produces: a sync never stamped, a decision number used twice', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const future = new Date(Date.parse(t.lastSyncAt) + 60_000).toISOString();
    const first = saleCommand(t, { offline: true });
    const twin = saleCommand(t, { offline: true, claim: { seq: first.offlineClaim!.seq } });
    const out = await push(t, [
      saleCommand(t, { offline: true, claim: { lastSyncAt: future } }),
      first,
      twin,
    ]);
    expect(out.map(statusOf)).toEqual(['invalid_command', 'applied', 'invalid_command']);
    // The operator sees them as needing a manager (the terminal marks them so on its Sync screen).
    const attention = await env.api.call('GET', `/v1/operator/resellers/${t.resellerId}/attention`, {
      token: TEST_OPERATOR_KEY,
    });
    expect(attention.status).toBe(200);
    expect(new Set(attention.body.items.map((i: { commandId: string }) => i.commandId))).toEqual(
      new Set([out[0]!.id, out[2]!.id]),
    );
    expect(attention.body.items[0]).toMatchObject({ terminalId: t.terminal.terminalId, offline: true });
    // An offline sale without its claim, or an online one with a claim, is malformed.
    const { offlineClaim: _omit, ...bare } = saleCommand(t, { offline: true });
    const withClaim = { ...saleCommand(t), offlineClaim: first.offlineClaim! };
    expect((await push(t, [bare as OutboxCommand, withClaim])).map(statusOf)).toEqual([
      'invalid_command',
      'invalid_command',
    ]);
  });

  it('judges again, under the offline rules, an online rejection the terminal never heard and then honoured', async () => {
    const t = await createTenant(env.api, { credits: 500 });
    const sale = saleCommand(t); // wholesale 950 > 500 credits
    const [online] = await push(t, [sale]);
    expect(online).toMatchObject({ status: 'rejected', reason: 'insufficient_credits' });
    // The answer was lost; the counter honoured the sale offline and now sends it so.
    const honoured = saleCommand(t, { offline: true });
    const resent: OutboxCommand = { ...sale, offline: true, offlineClaim: honoured.offlineClaim! };
    const [judged] = await push(t, [resent]);
    expect(judged).toMatchObject({ status: 'applied', result: { resellerBalance: 500 - 950 } });
    // From now on it is that outcome, whichever way it is sent.
    expect((await push(t, [resent]))[0]).toMatchObject({ status: 'duplicate', original: 'applied' });
    expect((await push(t, [sale]))[0]).toMatchObject({ status: 'duplicate', original: 'applied' });
    // An online rejection is final for an online resend.
    const other = saleCommand(t, { quantity: 2 });
    expect((await push(t, [other]))[0]).toMatchObject({ status: 'rejected' });
    expect((await push(t, [other]))[0]).toMatchObject({ status: 'duplicate', original: 'rejected' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('applies an offline sale at the package version it was sold at, even after price and wholesale changes', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const patched = await env.api.call('PATCH', `/v1/operator/packages/${t.pkg.id}`, {
      token: TEST_OPERATOR_KEY,
      body: { retailPrice: 1_500, wholesalePrice: 500 },
    });
    expect(patched.body.version).toBe(t.pkg.version + 1);
    const [offline, stale, fresh] = await push(t, [
      saleCommand(t, { offline: true }), // sold at version 1: retail 1000, wholesale 950
      saleCommand(t), // online at version 1: the clerk is told at once
      saleCommand(t, { pkg: patched.body }),
    ]);
    expect(offline).toMatchObject({ status: 'applied', result: { wholesaleAmount: 950 } });
    expect(stale).toMatchObject({ status: 'rejected', reason: 'catalog_changed' });
    expect(fresh).toMatchObject({ status: 'applied', result: { wholesaleAmount: 500 } });
  });

  it('takes sales written before versions existed (no packageVersion): offline at version 1, online at today', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const strip = (c: OutboxCommand): OutboxCommand => {
      const { packageVersion: _v, ...payload } = c.payload as Record<string, unknown>;
      return { ...c, payload };
    };
    const patched = await env.api.call('PATCH', `/v1/operator/packages/${t.pkg.id}`, {
      token: TEST_OPERATOR_KEY,
      body: { wholesalePrice: 500 },
    });
    expect(patched.body.version).toBe(2);
    const [offline, online] = await push(t, [
      strip(saleCommand(t, { offline: true })),
      strip(saleCommand(t)),
    ]);
    expect(offline).toMatchObject({ status: 'applied', result: { wholesaleAmount: 950 } });
    expect(online).toMatchObject({ status: 'applied', result: { wholesaleAmount: 500 } });
  });
});
