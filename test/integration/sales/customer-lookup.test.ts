import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerInfo } from '../../../core/contract/types/customers';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { RunningServer } from '../../../server/start-server';
import { seedReseller, startCentral } from '../terminal/support/central-api';
import { startFaultProxy, type FaultProxy } from '../terminal/support/fault-proxy';
import { call, enrollAndSignIn, tempDir } from '../terminal/support/terminal-harness';
import { callError, openSalesTerminal } from './support';

let serverDir: string;
let server: RunningServer;
let proxy: FaultProxy;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  serverDir = tempDir('central-lookup');
  server = await startCentral(serverDir);
  proxy = await startFaultProxy(server.url);
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await proxy.close();
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

/** A new reseller and a sales terminal enrolled to it through the fault proxy, its manager signed in. */
async function enrolledThroughProxy(name: string) {
  const seed = await seedReseller(server, { credits: 10_000 });
  const t = await openSalesTerminal(name);
  cleanup.push(t.close);
  await enrollAndSignIn(t.services, proxy.url, seed.code);
  return { seed, s: t.services };
}

describe('customers.lookup against the real central API', () => {
  it('answers the wallet, null for an unknown account, and offline quickly on a timeout or while offline', async () => {
    const { seed, s } = await enrolledThroughProxy('lookup');
    const out = await call<SaleCreateOutcome>(s, 'sales.create', {
      packageId: seed.pkg.id,
      customerAccount: '+15550002222',
      quantity: 2,
    });
    expect(out.outcome).toBe('confirmed');

    const found = await call<CustomerInfo | null>(s, 'customers.lookup', { account: '+15550002222' });
    expect(found).toMatchObject({ account: '+15550002222', walletBalance: 200, currency: 'USD', name: null });
    expect(Date.parse(found!.lastTopUpAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(await call(s, 'customers.lookup', { account: '+15550003333' })).toBeNull();

    // The API answers too late: offline after the look-up's own short timeout (1.5 s).
    proxy.mode = { kind: 'slow', ms: 4_000 };
    let started = performance.now();
    expect(await callError(s, 'customers.lookup', { account: '+15550002222' })).toMatchObject({
      code: 'offline',
    });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThan(1_000);
    expect(waited).toBeLessThan(2_500);

    // Once the terminal knows it is offline, the answer is immediate.
    proxy.mode = { kind: 'down' };
    expect((await call<{ ok: boolean }>(s, 'sync.now')).ok).toBe(false);
    started = performance.now();
    expect(await callError(s, 'customers.lookup', { account: '+15550002222' })).toMatchObject({
      code: 'offline',
    });
    expect(performance.now() - started).toBeLessThan(1_000); // at once, not after the 1.5 s timeout
    proxy.mode = { kind: 'pass' };
  });

  // "No such customer" is the central API's own answer (a 404 with its `not_found` code). A 404 from something in
  // between (a proxy's or captive portal's page) says nothing about the customer.
  it('takes a 404 from something other than the central API for an error, not an unknown customer', async () => {
    const { s } = await enrolledThroughProxy('foreign-404');

    // The API's own answer for an account it does not know: null.
    expect(await call<CustomerInfo | null>(s, 'customers.lookup', { account: '+15550007001' })).toBeNull();

    proxy.decide = (path) =>
      path.startsWith('/v1/terminal/customers/')
        ? { status: 404, body: '<html><body>Not Found</body></html>' }
        : null;
    try {
      expect(await callError(s, 'customers.lookup', { account: '+15550007001' })).toMatchObject({
        code: 'http_404',
      });
    } finally {
      proxy.decide = null;
    }
  });
});
