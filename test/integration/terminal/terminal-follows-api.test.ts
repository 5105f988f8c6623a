import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { AppStatus } from '../../../core/contract/types/status';
import type { SyncReport } from '../../../core/contract/types/sync';
import type { TerminalState } from '../../../core/contract/types/terminal';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, startCentral, type SeededReseller } from './support/central-api';
import { startFaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';
import { waitForEvent } from './support/wait-for';

const OPERATOR_KEY = 'test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz';

let serverDir: string;
let server: RunningServer;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  serverDir = tempDir('central-follow');
  server = await startCentral(serverDir);
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

/** An operator API call on the test server; throws unless it succeeds. */
async function operator(path: string): Promise<void> {
  const res = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${OPERATOR_KEY}` },
  });
  if (!res.ok) throw new Error(`POST ${path} -> ${res.status} ${await res.text()}`);
}

/** A fresh terminal in its own data folder (reopened with `reopen`), enrolled and signed in as a manager. */
async function enrolledTerminal(credits = 100_000): Promise<{
  s: AppServices;
  seed: SeededReseller;
  reopen: () => Promise<AppServices>;
}> {
  const dir = tempDir('term-follow');
  let s = await openTerminal(dir);
  cleanup.push(async () => {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const seed = await seedReseller(server, { credits });
  await enrollAndSignIn(s, server.url, seed.code);
  return {
    s,
    seed,
    reopen: async () => {
      await s.close();
      s = await openTerminal(dir);
      return s;
    },
  };
}

const sell = (s: AppServices, packageId: string) =>
  call<SaleCreateOutcome>(s, 'sales.create', { packageId, customerAccount: '+15550004321', quantity: 1 });
const status = (s: AppServices) => call<AppStatus>(s, 'app.status');
const signInManager = async (s: AppServices) => {
  const clerks = await call<{ id: string; name: string }[]>(s, 'clerks.list');
  const manager = clerks.find((c) => c.name === 'Manager')!;
  await call(s, 'session.signIn', { clerkId: manager.id, pin: '123456' });
};

/** A sale refused by the blocked-terminal guard: the error, and proof nothing was written. */
async function expectSaleRefused(s: AppServices, packageId: string, message: RegExp): Promise<void> {
  const pendingBefore = s.terminal.ledger.balanceView().pendingCount;
  const salesBefore = s.terminal.saleStore.allIds().length;
  await expect(sell(s, packageId)).rejects.toMatchObject({ code: 'terminal_blocked', message });
  expect(s.terminal.ledger.balanceView().pendingCount).toBe(pendingBefore);
  expect(s.terminal.saleStore.allIds().length).toBe(salesBefore);
}

/** A loopback HTTP server that answers every request 401 (an API that does not know this terminal's token). */
async function refusingApi(): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const srv: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'unauthorized', message: 'invalid terminal token' }));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  cleanup.push(
    () =>
      new Promise<void>((r) => {
        srv.closeAllConnections();
        srv.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, hits: () => hits };
}

/** A loopback address where nothing listens. */
async function closedAddress(): Promise<string> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe('the terminal follows its API', () => {
  it('a revoked terminal is blocked for good: no sales online or offline, across a restart, no more calls', async () => {
    const { s, seed, reopen } = await enrolledTerminal();
    expect((await sell(s, seed.pkg.id)).outcome).toBe('confirmed');
    expect((await status(s)).blocked).toBeNull();

    await operator(`/v1/operator/terminals/${s.terminal.identity.require().terminalId}/revoke`);
    const blockedEvent = waitForEvent(
      s,
      (m) => m.name === 'app.status' && m.payload.blocked?.reason === 'revoked',
    );
    const report = await call<SyncReport>(s, 'sync.now');
    expect(report).toMatchObject({ ok: false, error: { code: 'terminal_revoked', retryable: false } });
    await blockedEvent;
    expect((await status(s)).blocked).toMatchObject({
      reason: 'revoked',
      message: 'This terminal was revoked by the operator; enroll it again.',
      since: expect.any(String),
    });
    await expectSaleRefused(s, seed.pkg.id, /revoked by the operator/);
    // Offline it is refused just the same (the guard comes before the online/offline decision).
    s.terminal.ledger.recordContact(false, 'test: offline');
    await expectSaleRefused(s, seed.pkg.id, /revoked by the operator/);

    // Stored in SQLite: a restart keeps it, and the sync loop no longer calls the API with the refused token.
    const again = await reopen();
    expect((await status(again)).blocked?.reason).toBe('revoked');
    await signInManager(again);
    await expectSaleRefused(again, seed.pkg.id, /revoked by the operator/);
    expect(await call<SyncReport>(again, 'sync.now')).toMatchObject({
      ok: false,
      error: { code: 'terminal_blocked' },
    });
    // A customer look-up says why too, instead of calling the API.
    await expect(call(again, 'customers.lookup', { account: '+15550004321' })).rejects.toMatchObject({
      code: 'terminal_blocked',
    });
  });

  it('a suspended reseller blocks its terminal until a later call succeeds', async () => {
    const { s, seed, reopen } = await enrolledTerminal();
    await operator(`/v1/operator/resellers/${seed.resellerId}/suspend`);
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({
      ok: false,
      error: { code: 'reseller_suspended' },
    });
    expect((await status(s)).blocked).toMatchObject({
      reason: 'suspended',
      message: 'Your reseller account is suspended; contact the operator.',
    });
    await expectSaleRefused(s, seed.pkg.id, /suspended/);
    s.terminal.ledger.recordContact(false, 'test: offline');
    await expectSaleRefused(s, seed.pkg.id, /suspended/);

    // Survives a restart; still calls the API (a suspension can be lifted), and the first success clears it.
    const again = await reopen();
    await signInManager(again);
    expect((await status(again)).blocked?.reason).toBe('suspended');
    await operator(`/v1/operator/resellers/${seed.resellerId}/unsuspend`);
    const cleared = waitForEvent(again, (m) => m.name === 'app.status' && m.payload.blocked === null);
    expect(await call<SyncReport>(again, 'sync.now')).toMatchObject({ ok: true });
    await cleared;
    expect((await status(again)).blocked).toBeNull();
    expect((await sell(again, seed.pkg.id)).outcome).toBe('confirmed');
  });

  it('a manager changes the API address: validated, stored, and the next round uses it at once', async () => {
    const { s, seed, reopen } = await enrolledTerminal();
    const proxy = await startFaultProxy(server.url);
    cleanup.push(() => proxy.close());

    // Managers only.
    await call(s, 'clerks.create', { name: 'Carl Clerk', pin: '5678', role: 'clerk' });
    const carl = (await call<{ id: string; name: string }[]>(s, 'clerks.list')).find(
      (c) => c.name === 'Carl Clerk',
    )!;
    await call(s, 'session.signOut');
    await expect(call(s, 'terminal.setApiUrl', { apiUrl: proxy.url })).rejects.toMatchObject({
      code: 'signed_out',
    });
    await call(s, 'session.signIn', { clerkId: carl.id, pin: '5678' });
    await expect(call(s, 'terminal.setApiUrl', { apiUrl: proxy.url })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await call(s, 'session.signOut');
    await signInManager(s);

    // Validated: http(s) only, no credentials, no fragment, no query.
    for (const bad of [
      'ftp://127.0.0.1:8787',
      'http://user:secret@127.0.0.1:8787',
      `${proxy.url}/#token=abc`,
      `${proxy.url}/?x=1`,
      'not a url',
    ]) {
      await expect(call(s, 'terminal.setApiUrl', { apiUrl: bad }), bad).rejects.toMatchObject({
        code: 'invalid_api_url',
      });
    }
    await expect(call(s, 'terminal.setApiUrl', { apiUrl: '' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(s.terminal.identity.require().apiUrl).toBe(server.url);

    // Accepted (normalized), and the round it starts goes to the new address: no restart.
    const state = await call<TerminalState>(s, 'terminal.setApiUrl', { apiUrl: ` ${proxy.url}/ ` });
    expect(state.terminal?.apiUrl).toBe(proxy.url);
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });
    expect(proxy.forwarded.get('/v1/terminal/sync/pull')).toBeGreaterThan(0);
    const viaProxy = proxy.forwarded.get('/v1/terminal/sync/push') ?? 0;
    expect((await sell(s, seed.pkg.id)).outcome).toBe('confirmed');
    expect(proxy.forwarded.get('/v1/terminal/sync/push')).toBe(viaProxy + 1);

    // An unreachable address: offline, and the reason names the address it tries.
    const closed = await closedAddress();
    await call(s, 'terminal.setApiUrl', { apiUrl: closed });
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({
      ok: false,
      error: { code: 'api_unreachable' },
    });
    const offline = await status(s);
    expect(offline.online).toBe(false);
    expect(offline.lastError).toBe(`Cannot reach ${closed} (connection refused).`);
    expect(offline.blocked).toBeNull();

    // Stored with the identity: a restart keeps the address.
    const again = await reopen();
    expect(again.terminal.identity.require().apiUrl).toBe(closed);
    await signInManager(again);
    await call(again, 'terminal.setApiUrl', { apiUrl: server.url });
    expect(await call<SyncReport>(again, 'sync.now')).toMatchObject({ ok: true });
    expect((await status(again)).online).toBe(true);
  });

  it('any 401 on the token blocks; correcting the address to the API that knows it lifts the block', async () => {
    const { s, seed } = await enrolledTerminal();
    const wrong = await refusingApi();
    await call(s, 'terminal.setApiUrl', { apiUrl: wrong.url });
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(wrong.hits()).toBeGreaterThan(0);
    expect((await status(s)).blocked).toMatchObject({ reason: 'token_refused' });
    await expectSaleRefused(s, seed.pkg.id, /refuses this terminal/);

    await call(s, 'terminal.setApiUrl', { apiUrl: server.url });
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });
    expect((await status(s)).blocked).toBeNull();
    expect((await sell(s, seed.pkg.id)).outcome).toBe('confirmed');
  });
});
