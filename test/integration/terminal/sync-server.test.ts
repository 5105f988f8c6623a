import type { OfflineClaim } from '../../../core/sync/protocol';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../server/start-server';
import { TerminalApiClient } from '../../../main/api-client/terminal-api-client';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { SyncReport } from '../../../core/contract/types/sync';
import { seedReseller, serverBalance, serverSales } from './support/central-api';
import {
  createScratchPostgresDatabase,
  embeddedTestPostgresUrl,
  testPostgresUrl,
} from '../server/server-backends';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';
import { startServer } from '../../../server/start-server';
import { waitForEvent } from './support/wait-for';

let serverDir: string;
let server: RunningServer;
let database: { url: string; drop(): Promise<void> };
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  serverDir = tempDir('central');
  // A database of its own even on a shared PostgreSQL: the demo data (and its one-time enrollment code) is fresh.
  database = await createScratchPostgresDatabase(testPostgresUrl() ?? embeddedTestPostgresUrl());
  server = await startServer({
    dataDir: serverDir,
    port: 0,
    databaseUrl: database.url,
    seedDemo: true,
    operatorKey: 'test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz',
  });
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await server.close();
  await database.drop();
  rmSync(serverDir, { recursive: true, force: true });
});

async function terminal(defaultApiUrl?: string) {
  const dir = tempDir('term');
  const services = await openTerminal(dir, defaultApiUrl ? { defaultApiUrl } : {});
  cleanup.push(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { services, dir };
}

const sell = (s: Awaited<ReturnType<typeof terminal>>['services'], packageId: string, quantity = 1) =>
  call<SaleCreateOutcome>(s, 'sales.create', { packageId, customerAccount: '+15550009999', quantity });

describe('terminal against the real central API', () => {
  it('confirms an online sale at once and the balances agree to the cent', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const { services } = await terminal();
    await enrollAndSignIn(services, server.url, seed.code);
    const packages = await call<{ id: string }[]>(services, 'catalog.packages');
    expect(packages.map((p) => p.id)).toContain(seed.pkg.id);
    const out = await sell(services, seed.pkg.id, 3);
    expect(out).toMatchObject({
      outcome: 'confirmed',
      sale: { status: 'confirmed', retailAmount: 300, wholesaleAmount: 270 },
    });
    await call(services, 'sync.now');
    const view = await call<{ available: number; serverBalance: number; pendingDebits: number }>(
      services,
      'ledger.balance',
    );
    expect(view).toMatchObject({ serverBalance: 9_730, available: 9_730, pendingDebits: 0 });
    expect(await serverBalance(server, seed.resellerId)).toBe(9_730);
  });

  it('reverses a sale the server rejects, before anything prints, and tells the clerk', async () => {
    const seed = await seedReseller(server, { credits: 100 });
    const { services } = await terminal();
    await enrollAndSignIn(services, server.url, seed.code);
    const rejected = waitForEvent(services, (m) => m.name === 'sync.rejected');
    const out = await sell(services, seed.pkg.id, 2); // wholesale 180 > 100 credits
    expect(out).toMatchObject({
      outcome: 'rejected',
      reason: 'insufficient_credits',
      sale: { status: 'reversed' },
    });
    expect((await rejected).payload).toMatchObject({ reason: 'insufficient_credits' });
    const totals = services.terminal.ledger.accountTotals();
    expect(totals.reseller_credit).toBe(0);
    expect(totals.cash_drawer).toBe(0);
    const page = await call<{ items: { reason: string }[] }>(services, 'sync.commands', {
      filter: 'rejected',
    });
    expect(page.items).toEqual([
      expect.objectContaining({ reason: 'insufficient_credits', state: 'rejected' }),
    ]);
    expect(await call(services, 'ledger.balance')).toMatchObject({ available: 100, pendingCount: 0 });
  });

  it('queues sales while the server is down and applies each exactly once after it comes back', async () => {
    const seed = await seedReseller(server, { credits: 50_000 });
    const { services } = await terminal();
    await enrollAndSignIn(services, server.url, seed.code);
    const port = server.port;
    await server.close();
    const queued: string[] = [];
    for (let i = 0; i < 12; i++) {
      const out = await sell(services, seed.pkg.id, 1 + (i % 3));
      expect(out.outcome).toBe('queued');
      if (out.outcome === 'queued') queued.push(out.sale.id);
    }
    const failed = await call<SyncReport>(services, 'sync.now');
    expect(failed).toMatchObject({ ok: false, error: { retryable: true } });
    const status = await call<{ online: boolean; pendingCount: number }>(services, 'app.status');
    expect(status).toMatchObject({ online: false, pendingCount: 12 });
    const offlineView = await call<{ available: number; pendingDebits: number }>(services, 'ledger.balance');
    expect(offlineView.pendingDebits).toBe(90 * (4 * (1 + 2 + 3)));

    server = await startServer({
      dataDir: serverDir,
      port,
      databaseUrl: database.url,
      seedDemo: true,
      operatorKey: server.operatorKey,
    });
    const report = await call<SyncReport>(services, 'sync.now');
    expect(report).toMatchObject({ ok: true, pushed: 12, applied: 12, rejected: 0 });
    const terminalId = services.terminal.identity.require().terminalId;
    const onServer = await serverSales(server, terminalId);
    expect(onServer.length).toBe(12);
    expect(new Set(onServer)).toEqual(new Set(queued));
    const serverBal = await serverBalance(server, seed.resellerId);
    expect(serverBal).toBe(50_000 - 90 * 24);
    expect(await call(services, 'ledger.balance')).toMatchObject({
      serverBalance: serverBal,
      available: serverBal,
      pendingCount: 0,
    });

    // Replaying the same commands answers duplicates, never a second sale.
    const acked = services.terminal.ledger.db
      .prepare('SELECT id, type, payload, created_at, clerk_id, offline, offline_claim FROM acked_commands')
      .all() as {
      id: string;
      type: string;
      payload: string;
      created_at: string;
      clerk_id: string | null;
      offline: number;
      offline_claim: string | null;
    }[];
    const client = new TerminalApiClient({ baseUrl: server.url, token: services.terminal.identity.token() });
    const replay = await client.push(
      acked.map((r) => ({
        id: r.id,
        type: r.type,
        payload: JSON.parse(r.payload) as unknown,
        createdAt: r.created_at,
        clerkId: r.clerk_id,
        offline: r.offline === 1,
        ...(r.offline_claim ? { offlineClaim: JSON.parse(r.offline_claim) as OfflineClaim } : {}),
      })),
    );
    expect(replay.outcomes.every((o) => o.status === 'duplicate')).toBe(true);
    expect((await serverSales(server, terminalId)).length).toBe(acked.length);
    expect(await serverBalance(server, seed.resellerId)).toBe(serverBal);
  });

  it('never stores the enrollment token in plain text anywhere in the data folder (incl. -wal and -shm)', async () => {
    const seed = await seedReseller(server, { credits: 1_000 });
    const { services, dir } = await terminal();
    await enrollAndSignIn(services, server.url, seed.code);
    await sell(services, seed.pkg.id);
    const token = services.terminal.identity.token();
    expect(token.length).toBeGreaterThanOrEqual(32);
    const grep = () => {
      const files = readdirSync(dir);
      expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
      for (const f of files) {
        const bytes = readFileSync(join(dir, f));
        for (const needle of [
          token,
          Buffer.from(token).toString('base64'),
          Buffer.from(token).toString('hex'),
        ]) {
          expect(bytes.includes(Buffer.from(needle)), `${f} holds the token`).toBe(false);
        }
      }
    };
    grep();
    const { services: reopened } = await (async () => {
      await services.close();
      const again = await openTerminal(dir);
      cleanup.push(() => again.close());
      return { services: again };
    })();
    expect(reopened.terminal.identity.token()).toBe(token);
    grep();
  });

  it('offers one-click demo enrollment from the launcher API', async () => {
    const { services } = await terminal(server.url);
    const state = await call<{
      enrolled: boolean;
      demo: { available: boolean; resellerName: string | null };
    }>(services, 'terminal.state');
    expect(state).toMatchObject({
      enrolled: false,
      demo: { available: true, resellerName: 'Demo Mobile Shop' },
    });
    const after = await call<{ enrolled: boolean; terminal: { resellerName: string } }>(
      services,
      'terminal.enrollDemo',
      {},
    );
    expect(after).toMatchObject({ enrolled: true, terminal: { resellerName: 'Demo Mobile Shop' } });
    expect(
      (await call<{ code: string }>(services, 'terminal.enrollDemo', {}).catch((e: { code: string }) => e))
        .code,
    ).toBe('already_enrolled');
  });
});
