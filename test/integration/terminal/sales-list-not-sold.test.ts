import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SaleCreateOutcome, SalePage } from '../../../core/contract/types/sales';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

/**
 * The Sales screen's "Not sold" filter lists exactly the sales that did not go through (here: one the server
 * rejected), and none that did.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

describe('the Sales list filtered to not sold', () => {
  it('lists the sale the server rejected and leaves out the sales that went through', async () => {
    const dir = tempDir('not-sold-filter');
    const s = await openTerminal(dir);
    opened.push({ services: s, dir });
    const pkg = fakeEnrollAndPull(s, 100_000);
    await call(s, 'clerks.create', { name: 'Mona', pin: '123456', role: 'manager' });
    const sell = (account: string) =>
      call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: pkg.id,
        customerAccount: account,
        quantity: 1,
      });
    const kept = await sell('+15550008001');
    const refused = await sell('+15550008002');
    const alsoKept = await sell('+15550008003');
    for (const out of [kept, refused, alsoKept]) expect(out.outcome).toBe('queued');

    // The server's answer for the second sale: rejected (the ledger's real rejection path reverses it).
    const { ledger } = s.terminal;
    ledger.applyOutcomes([
      {
        id: refused.sale!.commandId,
        status: 'rejected',
        reason: 'insufficient_credits',
        message: 'Not enough credits.',
      },
    ]);

    const notSold = await call<SalePage>(s, 'sales.list', { status: 'not_sold' });
    expect(notSold.items.map((i) => [i.id, i.businessStatus])).toEqual([[refused.sale!.id, 'not_sold']]);
    expect(notSold.next).toBeNull();
    const all = await call<SalePage>(s, 'sales.list', {});
    expect(all.items).toHaveLength(3);
  });
});
