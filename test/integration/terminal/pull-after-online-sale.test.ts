import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { SyncReport } from '../../../core/contract/types/sync';
import { seedReseller, useCentral } from './support/central-api';
import { startFaultProxy } from './support/fault-proxy';
import { call, enrollAndSignIn, openTerminal, tempDir } from './support/terminal-harness';

const central = useCentral('central-pull-after-sale');

/**
 * An online-first sale pushes only its command, so the balance and statuses it changed come with a pull: while the
 * sync loop runs, a round with a pull follows the sale soon after by itself, long before the loop's idle interval
 * (60 s in the test settings).
 */
describe('an online sale while the sync loop runs', () => {
  it('is followed by a pull of its own accord, well within the idle interval', async () => {
    const proxy = await startFaultProxy(central.server.url);
    const dir = tempDir('pull-after-sale');
    const s = await openTerminal(dir);
    central.cleanup.push(async () => {
      await s.close();
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    });
    s.terminal.reserve.setSize(0);
    const seed = await seedReseller(central.server, { credits: 10_000 });
    await enrollAndSignIn(s, proxy.url, seed.code);
    s.terminal.engine.start();
    // The loop's first round (and this one, queued behind it) done: its next round is an idle interval away.
    expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });

    let pushed = false;
    let timer: NodeJS.Timeout | undefined;
    const pulledAfterPush = new Promise<void>((resolve, reject) => {
      proxy.onRequest = (path) => {
        if (path === '/v1/terminal/sync/push') pushed = true;
        else if (pushed && path === '/v1/terminal/sync/pull') resolve();
      };
      // A bound for the failure case only, a third of the idle interval.
      timer = setTimeout(() => reject(new Error('no pull followed the online sale')), 20_000);
    });
    const sold = await call<SaleCreateOutcome>(s, 'sales.create', {
      packageId: seed.pkg.id,
      customerAccount: '+15550009101',
      quantity: 1,
    });
    expect(sold.outcome).toBe('confirmed');
    try {
      await pulledAfterPush;
    } finally {
      clearTimeout(timer);
      proxy.onRequest = null;
    }
    expect(pushed).toBe(true);
  });
});
