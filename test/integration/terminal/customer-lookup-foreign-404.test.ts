import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerInfo } from '../../../core/contract/types/customers';
import type { RunningServer } from '../../../server/start-server';
import { callError, openSalesTerminal } from '../sales/support';
import { seedReseller, startCentral } from './support/central-api';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, tempDir } from './support/terminal-harness';

/**
 * "No such customer" is the central API's own answer (a 404 with its `not_found` code). A 404 from something in
 * between (a proxy's or captive portal's page) says nothing about the customer: the look-up fails with that error
 * instead of telling the clerk the account is unknown.
 */

let serverDir: string;
let server: RunningServer;
let proxy: FaultProxy;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  serverDir = tempDir('central-foreign-404');
  server = await startCentral(serverDir);
  proxy = await startFaultProxy(server.url);
});
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
  await proxy.close();
  await server.close();
  rmSync(serverDir, { recursive: true, force: true });
});

describe('customers.lookup answered 404 by something other than the central API', () => {
  it('is an error, not an unknown customer', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const t = await openSalesTerminal('foreign-404');
    cleanup.push(t.close);
    const s = t.services;
    await enrollAndSignIn(s, proxy.url, seed.code);

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
