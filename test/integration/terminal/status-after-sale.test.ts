import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';
import { waitForEvent } from './support/wait-for';

/**
 * The status bar follows what the counter commits: after a sale it gets an `app.status` event with the new pending
 * count, without asking and without a sync round. When the status cannot be read at that moment, the failure is
 * logged with its cause (it is out of any caller's reach) instead of being thrown into the event loop.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const o of opened.splice(0)) {
    await o.services.close().catch(() => undefined);
    rmSync(o.dir, { recursive: true, force: true });
  }
});

async function offlineCounter(prefix: string): Promise<{ s: AppServices; packageId: string }> {
  const dir = tempDir(prefix);
  const s = await openTerminal(dir);
  opened.push({ services: s, dir });
  const pkg = fakeEnrollAndPull(s, 10_000);
  await call(s, 'clerks.create', { name: 'Ann', pin: '123456' });
  return { s, packageId: pkg.id };
}

const sellOne = (s: AppServices, packageId: string) =>
  call<SaleCreateOutcome>(s, 'sales.create', { packageId, customerAccount: '+15550009001', quantity: 1 });

describe('the status bar after a sale', () => {
  it('receives the new pending count on its own', async () => {
    const { s, packageId } = await offlineCounter('status-after-sale');
    const published = waitForEvent(s, (m) => m.name === 'app.status' && m.payload.pendingCount === 1);
    expect((await sellOne(s, packageId)).outcome).toBe('queued');
    const event = await published;
    expect(event).toMatchObject({ name: 'app.status', payload: { pendingCount: 1, clerkName: 'Ann' } });
  });

  it('logs why the status could not be published when its sources are gone', async () => {
    const { s, packageId } = await offlineCounter('status-not-published');
    const warned = new Promise<string>((resolve) => {
      vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => resolve(String(args[0])));
    });
    expect((await sellOne(s, packageId)).outcome).toBe('queued');
    // The publish after the sale runs once this answer is out: the database is closed before it can read.
    s.terminal.ledger.db.close();
    expect(await warned).toMatch(/^status not published: .*database connection is not open/);
  });
});
