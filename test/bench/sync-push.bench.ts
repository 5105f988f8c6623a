/**
 * Benchmark: 10,000 queued `sale.create` commands pushed to the central API over HTTP on loopback, in batches of 500,
 * against real PostgreSQL (REFILL_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, in a
 * temporary database; the embedded PostgreSQL when that cannot be reached). Baseline measured in the same run: inserting the same
 * sales' rows (entries, postings, sales, grants) directly, one multi-row INSERT per table per batch, one transaction
 * per batch. Last line: `BENCH sync-push cmds_per_s=... direct_per_s=... ratio=...`.
 */
import { uuidv7 } from '../../core/uuidv7';
import { pushResponseSchema, type OutboxCommand } from '../../core/sync/protocol';
import { bulkInsert } from '../../server/db/bulk-insert';
import { writeJournal } from '../../server/ledger/journal-writer';
import { lockReseller } from '../../server/resellers/reseller-lock';
import { insertGrants, insertSales } from '../../server/sync/batch-writer';
import type { GrantRow, SaleRow } from '../../server/sync/push-batch';
import { apiClient, createTenant, saleCommand } from '../integration/server/api-harness';
import { startBenchServer } from './bench-server';
import { benchLine } from './bench-stats';

const TOTAL = 10_000;
const BATCH = 500;
const CUSTOMERS = 1_000;

/** Runs the sync-push benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const bench = await startBenchServer('sync-push', 'postgres://postgres@127.0.0.1:5432/postgres');
  const { server } = bench;
  try {
    const api = apiClient(server.url);
    const t = await createTenant(api, { credits: 1_000_000_000 });
    const commands: OutboxCommand[] = Array.from({ length: TOTAL }, (_, i) =>
      saleCommand(t, { account: `+1555${String(i % CUSTOMERS).padStart(7, '0')}` }),
    );

    // Push over HTTP.
    const t0 = performance.now();
    for (let i = 0; i < TOTAL; i += BATCH) {
      const r = await api.call('POST', '/v1/terminal/sync/push', {
        token: t.token,
        body: { commands: commands.slice(i, i + BATCH) },
      });
      if (r.status !== 200) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
      const outcomes = pushResponseSchema.parse(r.body).outcomes;
      if (outcomes.some((o) => o.status !== 'applied'))
        throw new Error('a benchmark command was not applied');
    }
    const pushMs = performance.now() - t0;
    const cmdsPerS = TOTAL / (pushMs / 1000);

    // Direct inserts of the same rows for a second reseller.
    const d = await createTenant(api, { credits: 1_000_000_000 });
    const db = server.db;
    const customerIds = Array.from({ length: CUSTOMERS }, () => ({ id: uuidv7(), wallet: uuidv7() }));
    await db.transaction(async (tx) => {
      await bulkInsert(
        tx,
        'accounts',
        [
          { name: 'reseller_id', type: 'uuid' },
          { name: 'id', type: 'uuid' },
          { name: 'kind', type: 'text' },
          { name: 'customer_id', type: 'uuid' },
          { name: 'currency', type: 'bpchar' },
        ],
        customerIds.map((c) => [d.resellerId, c.wallet, 'customer_wallet', c.id, 'USD']),
      );
    });
    const t1 = performance.now();
    for (let i = 0; i < TOTAL; i += BATCH) {
      await db.transaction(async (tx) => {
        const r = await lockReseller(tx, d.resellerId);
        const entries = [];
        const grants: GrantRow[] = [];
        const sales: SaleRow[] = [];
        for (let j = i; j < Math.min(TOTAL, i + BATCH); j++) {
          const c = customerIds[j % CUSTOMERS]!;
          const entryId = uuidv7();
          const grantId = uuidv7();
          const saleId = uuidv7();
          entries.push({
            id: entryId,
            kind: 'sale',
            commandId: null,
            memo: null,
            lines: [
              { accountId: r.creditAccountId, amount: -950, currency: 'USD' },
              { accountId: r.revenueAccountId, amount: 950, currency: 'USD' },
              { accountId: r.grantAccountId, amount: -1000, currency: 'USD' },
              { accountId: c.wallet, amount: 1000, currency: 'USD' },
            ],
          });
          grants.push({
            id: grantId,
            customerId: c.id,
            amount: 1000,
            remaining: 1000,
            currency: 'USD',
            priority: 50,
            expiresAt: null,
            source: 'sale',
            sourceId: saleId,
          });
          sales.push({
            id: saleId,
            saleNumber: `DIRECT-${String(j).padStart(6, '0')}`,
            customerId: c.id,
            customerAccount: '+15550000000',
            packageId: d.pkg.id,
            packageVersion: d.pkg.version,
            quantity: 1,
            retailAmount: 1000,
            wholesaleAmount: 950,
            currency: 'USD',
            status: 'purchased',
            offline: false,
            offlineSeq: null,
            commandId: uuidv7(),
            entryId,
            grantId,
            createdAt: new Date().toISOString(),
          });
        }
        await writeJournal(tx, d.resellerId, entries);
        await insertGrants(tx, d.resellerId, grants);
        await insertSales(tx, d.resellerId, d.terminal.terminalId, sales);
      });
    }
    const directMs = performance.now() - t1;
    const directPerS = TOTAL / (directMs / 1000);
    console.log(
      `push over HTTP: ${TOTAL} commands in ${(pushMs / 1000).toFixed(2)} s (${cmdsPerS.toFixed(0)}/s)`,
    );
    console.log(
      `direct inserts: ${TOTAL} sales in ${(directMs / 1000).toFixed(2)} s (${directPerS.toFixed(0)}/s)`,
    );
    console.log(
      benchLine('sync-push', {
        cmds_per_s: Math.round(cmdsPerS),
        direct_per_s: Math.round(directPerS),
        ratio: cmdsPerS / directPerS,
      }),
    );
  } finally {
    await bench.close();
  }
}
