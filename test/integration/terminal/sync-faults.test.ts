import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { AppStatus } from '../../../core/contract/types/status';
import type { SyncReport } from '../../../core/contract/types/sync';
import {
  seedReseller,
  serverBalance,
  serverSales,
  useCentral,
  type SeededReseller,
} from './support/central-api';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';
import { waitForEvent } from './support/wait-for';

const central = useCentral('central-faults');
const cleanup = central.cleanup;

/** A terminal enrolled through its own fault proxy; online sales wait at most 500 ms. */
async function proxiedTerminal(
  credits = 100_000,
): Promise<{ s: AppServices; proxy: FaultProxy; seed: SeededReseller }> {
  const proxy = await startFaultProxy(central.server.url);
  const dir = tempDir('term-faults');
  const s = await openTerminal(dir);
  cleanup.push(async () => {
    await s.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const seed = await seedReseller(central.server, { credits });
  await enrollAndSignIn(s, proxy.url, seed.code);
  s.terminal.ledger.db
    .prepare("INSERT INTO app_settings (key, value, updated_at) VALUES ('sales.onlineWaitMs', '500', '')")
    .run();
  return { s, proxy, seed };
}

const sell = (s: AppServices, packageId: string) =>
  call<SaleCreateOutcome>(s, 'sales.create', { packageId, customerAccount: '+15550001234', quantity: 1 });

/** Checks the terminal's and the server's view agree: same sales, same balance, nothing pending. */
async function expectAgreement(s: AppServices, seed: SeededReseller, expectedSales: number): Promise<void> {
  const terminalId = s.terminal.identity.require().terminalId;
  const onServer = await serverSales(central.server, terminalId);
  expect(onServer.length).toBe(expectedSales);
  expect(new Set(onServer)).toEqual(new Set(s.terminal.saleStore.allIds()));
  const bal = await serverBalance(central.server, seed.resellerId);
  expect(bal).toBe(100_000 - 90 * expectedSales);
  expect(s.terminal.ledger.balanceView()).toMatchObject({
    serverBalance: bal,
    available: bal,
    pendingCount: 0,
  });
}

describe('sync under faults', () => {
  it('server down: sales queue, sync reports offline, and all apply once when it answers again', async () => {
    const { s, proxy, seed } = await proxiedTerminal();
    proxy.mode = { kind: 'down' };
    expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({
      ok: false,
      error: { code: 'api_unreachable', retryable: true },
    });
    expect(await call<AppStatus>(s, 'app.status')).toMatchObject({ online: false, pendingCount: 2 });
    proxy.mode = { kind: 'pass' };
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true, applied: 2 });
    await expectAgreement(s, seed, 2);
  });

  it('slow server (answer later than the client timeout): the sale is queued; the replay is a duplicate', async () => {
    const { s, proxy, seed } = await proxiedTerminal();
    proxy.mode = { kind: 'slow', ms: 2_500 };
    proxy.faultPathPrefix = '/v1/terminal/sync/push';
    const started = Date.now();
    const out = await sell(s, seed.pkg.id);
    // The clerk waited for the online timeout, not for the server's late answer (2.5 s).
    expect(Date.now() - started).toBeLessThan(2_400);
    expect(out).toMatchObject({ outcome: 'queued', sale: { status: 'queued' } });
    expect(s.terminal.ledger.peekOutbox(5)[0]!.offline).toBe(true);
    // Let the in-flight push time out on the client (the server applied it meanwhile).
    await waitForEvent(s, (m) => m.name === 'app.status' && !m.payload.syncing && !m.payload.online);
    proxy.mode = { kind: 'pass' };
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({
      ok: true,
      pushed: 1,
      duplicates: 1,
      applied: 1,
    });
    expect(s.terminal.sales.get(out.sale!.id)!.status).toBe('confirmed');
    await expectAgreement(s, seed, 1);
  });

  it('server answering 500s: nothing is lost and nothing doubles once it recovers', async () => {
    const { s, proxy, seed } = await proxiedTerminal();
    proxy.mode = { kind: 'error500' };
    expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    const failed = await call<SyncReport>(s, 'sync.now');
    expect(failed).toMatchObject({ ok: false, error: { retryable: true } });
    expect((await call<AppStatus>(s, 'app.status')).lastError).toBeTruthy();
    proxy.mode = { kind: 'pass' };
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true, applied: 2, duplicates: 0 });
    await expectAgreement(s, seed, 2);
  });

  it('connection dropped after the server applied a batch: the replay is a duplicate, not a second sale', async () => {
    const { s, proxy, seed } = await proxiedTerminal();
    proxy.mode = { kind: 'down' };
    for (let i = 0; i < 5; i++) expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    proxy.mode = { kind: 'dropAfterResponse' };
    proxy.faultPathPrefix = '/v1/terminal/sync/push';
    const forwardedBefore = proxy.forwarded.get('/v1/terminal/sync/push') ?? 0;
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: false, error: { retryable: true } });
    expect(proxy.forwarded.get('/v1/terminal/sync/push')).toBe(forwardedBefore + 1);
    const terminalId = s.terminal.identity.require().terminalId;
    expect((await serverSales(central.server, terminalId)).length).toBe(5); // applied, but the terminal never heard
    expect(s.terminal.ledger.balanceView().pendingCount).toBe(5);
    proxy.mode = { kind: 'pass' };
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({
      ok: true,
      pushed: 5,
      duplicates: 5,
      applied: 5,
    });
    await expectAgreement(s, seed, 5);
  });

  it('the loop retries with backoff on its own and syncs as soon as the network is back', async () => {
    const { s, proxy, seed } = await proxiedTerminal();
    proxy.mode = { kind: 'down' };
    expect((await sell(s, seed.pkg.id)).outcome).toBe('queued');
    // Progress trigger: the loop, started once and never asked again, makes three attempts the proxy refuses (the
    // round at start, then two retries of its own).
    let refused = 0;
    const retried = new Promise<void>((resolve) => {
      proxy.onRequest = () => {
        refused += 1;
        if (refused === 3) resolve();
      };
    });
    s.terminal.engine.start();
    await retried;
    proxy.onRequest = null;
    expect(s.terminal.ledger.balanceView().pendingCount).toBe(1);
    expect(s.terminal.ledger.syncState().lastContactOnline).toBe(false);
    proxy.mode = { kind: 'pass' };
    await waitForEvent(
      s,
      (m) =>
        m.name === 'app.status' && m.payload.pendingCount === 0 && m.payload.online && !m.payload.syncing,
      5_000,
    );
    await expectAgreement(s, seed, 1);
  });
});
