import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../core/uuidv7';
import type { AppServices } from '../../../main/app/app-services';
import { fakeEnrollAndPull } from './support/local-terminal';
import { call, openTerminal, tempDir } from './support/terminal-harness';

const dir = tempDir('sale-retry');
let s: AppServices;
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retrying a sale whose answer was lost', () => {
  it('answers the first outcome for the same attempt id and sells once; a different sale under it is refused', async () => {
    s = await openTerminal(dir);
    const pkg = fakeEnrollAndPull(s, 100_000);
    await call(s, 'clerks.create', { name: 'Ann', pin: '123456' });
    const saleId = uuidv7();
    const input = { packageId: pkg.id, customerAccount: '+15550002222', quantity: 1, saleId };
    const first = await call<{ outcome: string; sale: { id: string; saleNumber: string } }>(
      s,
      'sales.create',
      input,
    );
    const again = await call<{ outcome: string; sale: { id: string; saleNumber: string } }>(
      s,
      'sales.create',
      input,
    );
    expect(first.outcome).toBe('queued');
    expect(again).toEqual(first);
    expect(first.sale.id).toBe(saleId);
    expect(s.terminal.ledger.balanceView().pendingCount).toBe(1);
    const other = call(s, 'sales.create', { ...input, quantity: 2 });
    await expect(other).rejects.toMatchObject({
      code: 'sale_id_reused',
      message: expect.stringContaining(first.sale.saleNumber),
    });
    expect(s.terminal.ledger.balanceView().pendingCount).toBe(1);
  });
});
