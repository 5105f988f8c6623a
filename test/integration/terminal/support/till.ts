import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import type { CommandPage, SyncReport } from '../../../../core/contract/types/sync';
import type { FloorLimits } from '../../../../core/sync/protocol';
import type { AppServices } from '../../../../main/app/app-services';
import type { RunningServer } from '../../../../server/start-server';
import { createEnrollmentCode } from '../../../../server/terminals/enrollment-service';
import { startFaultProxy, type FaultProxy } from './fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './terminal-harness';

/** One app terminal behind its own fault proxy. */
export interface Till {
  readonly s: AppServices;
  readonly proxy: FaultProxy;
  readonly terminalId: string;
}

/** Enrolls one more app terminal of `resellerId` through its own fault proxy and syncs it once. */
export async function enrollTill(
  server: RunningServer,
  cleanup: (() => Promise<void>)[],
  resellerId: string,
  floorLimits: FloorLimits,
  opts: { onlineWaitMs?: number; upstream?: string; reserveSize?: number } = {},
): Promise<Till> {
  const proxy = await startFaultProxy(opts.upstream ?? server.url);
  const dir = tempDir('review-till');
  const s = await openTerminal(dir);
  // The PIN reserve is filled by the first sync round after enrolment: set its size before (default 1,000).
  s.terminal.reserve.setSize(opts.reserveSize ?? 0);
  cleanup.push(async () => {
    await s.close();
    await proxy.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const { code } = await createEnrollmentCode(server.db, resellerId, {
    terminalName: null,
    floorLimits,
    expiresInHours: 1,
  });
  await enrollAndSignIn(s, proxy.url, code);
  s.terminal.ledger.db
    .prepare("INSERT INTO app_settings (key, value, updated_at) VALUES ('sales.onlineWaitMs', ?, '')")
    .run(String(opts.onlineWaitMs ?? 500));
  return { s, proxy, terminalId: s.terminal.identity.require().terminalId };
}

export const sell = (s: AppServices, packageId: string, quantity = 1) =>
  call<SaleCreateOutcome>(s, 'sales.create', { packageId, customerAccount: '+15550001234', quantity });

/** Takes the till offline: the next sync fails, so sales take the store-and-forward path. */
export async function goOffline(t: Till): Promise<void> {
  t.proxy.mode = { kind: 'down' };
  t.proxy.faultPathPrefix = '/';
  expect((await call<SyncReport>(t.s, 'sync.now')).ok).toBe(false);
}

/** One round where pushes pass and every pull answers 500. */
export async function pushOnlyRound(t: Till): Promise<SyncReport> {
  t.proxy.mode = { kind: 'error500' };
  t.proxy.faultPathPrefix = '/v1/terminal/sync/pull';
  return call<SyncReport>(t.s, 'sync.now');
}

export async function syncOk(t: Till): Promise<SyncReport> {
  t.proxy.mode = { kind: 'pass' };
  t.proxy.faultPathPrefix = '/';
  const r = await call<SyncReport>(t.s, 'sync.now');
  expect(r).toMatchObject({ ok: true });
  return r;
}

export async function commands(s: AppServices, filter: string): Promise<CommandPage['items']> {
  return (await call<CommandPage>(s, 'sync.commands', { filter, limit: 200, before: null })).items;
}
