import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleGrantState } from '../../../../core/contract/types/sale-grant';
import type { SaleCreateOutcome } from '../../../../core/contract/types/sales';
import type { SyncReport } from '../../../../core/contract/types/sync';
import { uuidv7 } from '../../../../core/uuidv7';
import type { RunningServer } from '../../../../server/start-server';
import { spendGrants } from '../../../../server/wallet/grant-spend';
import { seedReseller, startCentral } from '../support/central-api';
import { call, enrollAndSignIn, openTerminal, tempDir } from '../support/terminal-harness';

describe('a sale grant state reaches the terminal on the change feed', () => {
  const serverDir = tempDir('grant-central');
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCentral(serverDir);
  });
  afterAll(async () => {
    await server?.close();
    rmSync(serverDir, { recursive: true, force: true });
  });

  it('is unused after the sale, used once the customer spends any of it; the refund is then refused for that', async () => {
    const seed = await seedReseller(server, { credits: 10_000 });
    const dir = tempDir('grant-terminal');
    const s = await openTerminal(dir);
    try {
      await enrollAndSignIn(s, server.url, seed.code);
      const sold = await call<SaleCreateOutcome>(s, 'sales.create', {
        packageId: seed.pkg.id,
        customerAccount: '+15550006001',
        quantity: 1,
      });
      expect(sold.outcome).toBe('confirmed');
      const saleId = sold.sale!.id;
      expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });
      expect(await call<SaleGrantState>(s, 'sales.grantState', { saleId })).toEqual({
        used: false,
        expiresAt: null,
        expired: false,
      });

      const [customer] = await server.db.query<{ id: string }>(
        'SELECT id FROM customers WHERE reseller_id = $1 AND account_number = $2',
        [seed.resellerId, '+15550006001'],
      );
      await spendGrants(
        server.db,
        { resellerId: seed.resellerId, customerId: customer!.id },
        {
          spendId: uuidv7(),
          amount: 1,
        },
      );
      expect(await call<SyncReport>(s, 'sync.now')).toMatchObject({ ok: true });
      expect(await call<SaleGrantState>(s, 'sales.grantState', { saleId })).toMatchObject({ used: true });
      // The server refuses the refund for the same reason the terminal already shows.
      await expect(call(s, 'sales.refund', { saleId })).rejects.toMatchObject({ code: 'refund_refused' });
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
