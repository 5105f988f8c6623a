import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import type { AppServices } from '../../../main/app/app-services';
import { ACCOUNTS } from '../../../main/ledger/ledger-types';
import { fakeEnrollAndPull } from './support/local-terminal';
import { openTerminal, tempDir } from './support/terminal-harness';

/**
 * The journal takes only balanced entries: an operation whose postings do not sum to zero in each currency is refused
 * with a message naming the rule, and nothing of it (entry, postings, outbox command) is written.
 */

const opened: { services: AppServices; dir: string }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.services.close();
    rmSync(o.dir, { recursive: true, force: true });
  }
});

describe('an unbalanced journal entry', () => {
  it('is refused with the rule it breaks, and leaves the journal and the outbox as they were', async () => {
    const dir = tempDir('unbalanced-entry');
    const services = await openTerminal(dir);
    opened.push({ services, dir });
    fakeEnrollAndPull(services, 10_000);
    const { ledger } = services.terminal;
    const totalsBefore = ledger.accountTotals();
    const write = (postings: { account: string; amount: number; currency: string }[]) => () =>
      ledger.transaction(() =>
        ledger.writeOperation({
          command: {
            id: uuidv7(),
            type: 'sale.create',
            payload: {},
            createdAt: new Date().toISOString(),
            clerkId: null,
            offline: false,
          },
          debit: 90,
          offlineAmount: 0,
          entryKind: 'sale',
          memo: 'unbalanced',
          postings,
        }),
      );

    // Off by one in a single currency.
    expect(
      write([
        { account: ACCOUNTS.resellerCredit, amount: -90, currency: 'USD' },
        { account: ACCOUNTS.costOfSales, amount: 89, currency: 'USD' },
      ]),
    ).toThrow('journal entry postings must sum to zero per currency');
    // Zero overall, but not within each currency.
    expect(
      write([
        { account: ACCOUNTS.cashDrawer, amount: 100, currency: 'USD' },
        { account: ACCOUNTS.salesRevenue, amount: -100, currency: 'EUR' },
      ]),
    ).toThrow('journal entry postings must sum to zero per currency');

    expect(ledger.accountTotals()).toEqual(totalsBefore);
    expect(ledger.peekOutbox(10)).toEqual([]);
    expect(ledger.balanceView()).toMatchObject({ pendingCount: 0, pendingDebits: 0 });
  });
});
