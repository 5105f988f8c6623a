import { describe, expect, it } from 'vitest';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import { call } from '../terminal/support/terminal-harness';
import { closeTillsAfterEach, localTill } from './support';

/**
 * The contract takes any UUID for a package id, upper case included (`z.uuid()`), and the catalog keeps them in lower
 * case: a direct sale, a sale from stock and a retry all look the package up in lower case.
 */

closeTillsAfterEach();

describe('a package id in upper case', () => {
  it('sells a direct sale of the same package as in lower case', async () => {
    const t = await localTill();
    const outcome = await call<SaleCreateOutcome>(t.s, 'sales.create', {
      packageId: t.pkg.id.toUpperCase(),
      customerAccount: '+15550001234',
      quantity: 1,
    });
    expect(outcome).toMatchObject({ outcome: 'queued', sale: { packageId: t.pkg.id } });
  });
});
