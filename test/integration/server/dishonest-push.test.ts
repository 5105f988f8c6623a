import { describe, expect, it } from 'vitest';
import { pushResponseSchema, type OutboxCommand } from '../../../core/sync/protocol';
import { uuidv7 } from '../../../core/uuidv7';
import {
  TEST_OPERATOR_KEY,
  anotherTerminal,
  createTenant,
  ledgerViolations,
  pullToEnd,
  saleCommand,
  useTestServer,
  type TenantFixture,
} from './api-harness';
import { serverBackends } from './server-backends';

/** A terminal crafting push requests with its own token. */
describe.each(serverBackends())('dishonest terminal pushes ($name)', (backend) => {
  const env = useTestServer(backend);

  const pushRaw = (t: TenantFixture, commands: unknown[]) =>
    env.api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands } });
  const push = async (t: TenantFixture, commands: unknown[]) => {
    const r = await pushRaw(t, commands);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return pushResponseSchema.parse(r.body).outcomes;
  };
  const balance = async (t: TenantFixture): Promise<number> =>
    (await env.api.call('GET', '/v1/terminal/balance', { token: t.token })).body.balance;
  const voidOf = (saleId: string, createdAt: string): OutboxCommand => ({
    id: uuidv7(),
    type: 'sale.void',
    payload: { saleId, reason: 'refused_at_counter' },
    createdAt,
    clerkId: null,
    offline: false,
  });

  it('cannot void its own two-day-old sale by dating the void one minute after it (the server clock bounds it)', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const saleAt = Date.now() - 2 * 86_400_000;
    const sale = saleCommand(t, { createdAt: new Date(saleAt).toISOString(), account: '+15550707070' });
    expect((await push(t, [sale]))[0]).toMatchObject({ status: 'applied' });
    // The sale reached the server two days ago.
    await env.db.query('UPDATE sales SET received_at = $3 WHERE reseller_id = $1 AND id = $2', [
      t.resellerId,
      (sale.payload as { saleId: string }).saleId,
      new Date(saleAt).toISOString(),
    ]);
    const before = await balance(t);
    // Two days later (as the server sees it: now) the terminal sends a void dated one minute after the sale.
    const saleId = (sale.payload as { saleId: string }).saleId;
    const [out] = await push(t, [voidOf(saleId, new Date(saleAt + 60_000).toISOString())]);
    expect(await balance(t)).toBe(before); // the reseller must not get 950 back for a two-day-old sale
    expect(out).toMatchObject({ status: 'rejected', reason: 'void_not_allowed' });
  });

  it('answers the same command id twice in one batch (online, then as honoured offline) with one decision', async () => {
    const t = await createTenant(env.api, { credits: 500 }); // 950 wholesale > 500: online rejection
    const sale = saleCommand(t);
    const claim = saleCommand(t, { offline: true }).offlineClaim!;
    const r = await pushRaw(t, [sale, { ...sale, offline: true, offlineClaim: claim }]);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(pushResponseSchema.parse(r.body).outcomes).toMatchObject([
      { status: 'rejected', reason: 'insufficient_credits' },
      { status: 'duplicate', original: 'rejected' },
    ]);
  });

  it('rejects a command type with a NUL character on its own, every time', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const good = saleCommand(t);
    const poison = { ...saleCommand(t), type: 'sale.create\u0000' };
    const r1 = await pushRaw(t, [poison, good]);
    const r2 = await pushRaw(t, [poison, good]);
    expect([r1.status, r2.status], JSON.stringify(r1.body)).toEqual([200, 200]);
    expect(pushResponseSchema.parse(r1.body).outcomes.map((o) => o.status)).toEqual(['rejected', 'applied']);
    expect(pushResponseSchema.parse(r2.body).outcomes.map((o) => o.status)).toEqual([
      'rejected',
      'duplicate',
    ]);
  });

  it('rejects a sale number of 20,000 digits on its own', async () => {
    const t = await createTenant(env.api, { credits: 10_000 });
    const cmd = saleCommand(t);
    let digits = '';
    for (let i = 0; i < 20_000; i++) digits += String(Math.floor(Math.random() * 10));
    (cmd.payload as { saleNumber: string }).saleNumber = `${t.terminal.salePrefix}-${digits}`;
    const r = await pushRaw(t, [cmd, saleCommand(t)]);
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(
      pushResponseSchema.parse(r.body).outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.status)),
    ).toEqual(['invalid_payload', 'applied']);
  });

  it('cannot sell at a superseded package version by claiming a sync from before it was enrolled', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    // The operator raises the wholesale price: version 2. The terminal pulls it.
    const patched = await env.api.call('PATCH', `/v1/operator/packages/${t.pkg.id}`, {
      token: TEST_OPERATOR_KEY,
      body: { wholesalePrice: 1_000 },
    });
    expect(patched.body.version).toBe(t.pkg.version + 1);
    const stamp = await pullToEnd(env.api, t.token);
    // A claim naming a "last sync" in the year 2000 (long before the terminal existed) and a sale dated just after it.
    const cmd = saleCommand(t, {
      offline: true,
      createdAt: '2000-01-01T00:30:00.000Z',
      claim: { lastSyncAt: '2000-01-01T00:00:00.000Z', windowStart: undefined },
    });
    cmd.offlineClaim = { ...cmd.offlineClaim!, windowStart: cmd.offlineClaim!.seq };
    expect(Date.parse(stamp)).toBeGreaterThan(Date.parse('2000-01-01T00:00:00.000Z'));
    const [out] = await push(t, [cmd]);
    // Applied at version 1's wholesale (950), not the 1,000 in force since before this terminal's last real sync.
    expect(out, JSON.stringify(out)).not.toMatchObject({
      status: 'applied',
      result: { wholesaleAmount: 950 },
    });
    // No honest terminal has a sync stamp older than its enrollment; such a claim is what no honest terminal produces.
    expect(out).toMatchObject({ status: 'rejected' });
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it("refuses another terminal's sale prefix, a reused offline seq across batches, another terminal's limits version, an inactive version", async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const other = await anotherTerminal(env.api, t);
    // Another terminal's prefix.
    const foreign = saleCommand(t);
    (foreign.payload as { saleNumber: string }).saleNumber = `${other.terminal.salePrefix}-000001`;
    // Seq reuse across batches.
    const first = saleCommand(t, { offline: true });
    expect((await push(t, [first]))[0]).toMatchObject({ status: 'applied' });
    const again = saleCommand(t, { offline: true, claim: { seq: first.offlineClaim!.seq, windowStart: 1 } });
    // Another terminal's limits version 2 (this terminal only has version 1).
    await env.api.call(
      'PATCH',
      `/v1/operator/resellers/${t.resellerId}/terminals/${other.terminal.terminalId}`,
      {
        token: TEST_OPERATOR_KEY,
        body: { floorLimits: { perSaleMax: 99_999, totalOfflineMax: 999_999, maxHoursSinceSync: 24 } },
      },
    );
    const borrowed = saleCommand(t, { offline: true, claim: { limitsVersion: 2 } });
    // A version published inactive.
    const off = await env.api.call('PATCH', `/v1/operator/packages/${t.bundle.id}`, {
      token: TEST_OPERATOR_KEY,
      body: { active: false },
    });
    const inactive = saleCommand(t, { offline: true, pkg: off.body });
    const reason = (o: { status: string; reason?: string }) =>
      o.status === 'rejected' ? o.reason : o.status;
    const out = await push(t, [foreign, again, borrowed, inactive]);
    expect(out.map(reason)).toEqual([
      'invalid_payload',
      'invalid_command',
      'unknown_version',
      'unknown_version',
    ]);
    expect(await ledgerViolations(env.db, [t.resellerId])).toEqual([]);
  });

  it('cannot claim a sync after which its package version had already been replaced', async () => {
    const t = await createTenant(env.api, { credits: 100_000 });
    const v1 = t.pkg;
    await env.api.call('PATCH', `/v1/operator/packages/${t.pkg.id}`, {
      token: TEST_OPERATOR_KEY,
      body: { wholesalePrice: 1_000 },
    });
    // Version 2 came out ten minutes ago (beyond the clock tolerance between API hosts and the database).
    await env.db.query(
      "UPDATE package_versions SET created_at = now() - interval '10 minutes' WHERE package_id = $1 AND version = 2",
      [t.pkg.id],
    );
    // The terminal syncs (it now has version 2) and then claims a sale at version 1 from that sync.
    const stamp = await pullToEnd(env.api, t.token);
    const cmd = saleCommand({ ...t, lastSyncAt: stamp }, { offline: true, pkg: v1 });
    const [out] = await push(t, [cmd]);
    expect(out).toMatchObject({ status: 'rejected', reason: 'unknown_version' });
  });
});
