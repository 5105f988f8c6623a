/**
 * Benchmark: 10,000 queued `sale.create` commands pushed to the central API over HTTP on loopback, in batches of 500,
 * against real PostgreSQL (REFILL_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, in a
 * temporary database; the embedded PostgreSQL when that cannot be reached: the line names which). Baseline measured
 * in the same run, doing the same work without the push path: for another reseller, per batch of 500 in one
 * transaction, the same lock, the same reads (commands by id, packages and their versions, customers, sales and voids
 * by id and number) and the same rows written (customers with their wallets, journal entries and postings with the
 * balance UPDATE, grants, sales, commands, the change counter and changes), each with one multi-row statement per
 * table. Three passes of each, interleaved; their spread is printed and the line gives the medians. Both resellers'
 * ledgers are read back afterwards (balanced, every sale there).
 * Last line: `BENCH sync-push backend=... cmds_per_s=... direct_per_s=... ratio=...`.
 */
import { uuidv7 } from '../../core/uuidv7';
import { pushResponseSchema, type OutboxCommand } from '../../core/sync/protocol';
import type { Queryable } from '../../server/db/database';
import { writeJournal, type JournalEntryDraft } from '../../server/ledger/journal-writer';
import { lockReseller } from '../../server/resellers/reseller-lock';
import { appendChanges, type ChangeDraft } from '../../server/sync/change-feed';
import { insertCustomers, writeRecords } from '../../server/sync/batch-writer';
import type { BatchWrites, CommandRow, GrantRow, SaleRow } from '../../server/sync/push-batch';
import { apiClient, createTenant, saleCommand, type TenantFixture } from '../integration/server/api-harness';
import { startBenchServer } from './bench-server';
import { checkServerLedger } from './bench-checks';
import { benchLine, median, MIN_PASSES, spreadText } from './bench-stats';

const TOTAL = 10_000;
const BATCH = 500;
const CUSTOMERS = 1_000;

const account = (i: number): string => `+1555${String(i % CUSTOMERS).padStart(7, '0')}`;

/** Runs the sync-push benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const bench = await startBenchServer('sync-push', 'postgres://postgres@127.0.0.1:5432/postgres');
  const { server } = bench;
  try {
    const api = apiClient(server.url);
    const pushed = await createTenant(api, { credits: 1_000_000_000 });
    const direct = await createTenant(api, { credits: 1_000_000_000 });
    const directCustomers = new Map<string, { id: string; wallet: string }>();
    const pushRates: number[] = [];
    const directRates: number[] = [];
    for (let pass = 0; pass < MIN_PASSES; pass++) {
      const commands: OutboxCommand[] = Array.from({ length: TOTAL }, (_, i) =>
        saleCommand(pushed, { account: account(i) }),
      );
      const t0 = performance.now();
      for (let i = 0; i < TOTAL; i += BATCH) {
        const r = await api.call('POST', '/v1/terminal/sync/push', {
          token: pushed.token,
          body: { commands: commands.slice(i, i + BATCH) },
        });
        if (r.status !== 200) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
        if (pushResponseSchema.parse(r.body).outcomes.some((o) => o.status !== 'applied'))
          throw new Error('a benchmark command was not applied');
      }
      pushRates.push(TOTAL / ((performance.now() - t0) / 1000));

      const t1 = performance.now();
      for (let i = 0; i < TOTAL; i += BATCH) {
        await server.db.transaction((tx) =>
          directBatch(tx, direct, directCustomers, pass * TOTAL + i, Math.min(BATCH, TOTAL - i)),
        );
      }
      directRates.push(TOTAL / ((performance.now() - t1) / 1000));
      console.log(
        `pass ${pass + 1}: push ${pushRates[pass]!.toFixed(0)} cmds/s, direct ${directRates[pass]!.toFixed(0)} sales/s`,
      );
    }
    await checkServerLedger(server.db, [pushed.resellerId, direct.resellerId]);
    for (const t of [pushed, direct]) {
      const n = await server.db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1',
        [t.resellerId],
      );
      if (Number(n[0]?.n) !== MIN_PASSES * TOTAL)
        throw new Error(`expected ${MIN_PASSES * TOTAL} sales, found ${n[0]?.n}`);
    }
    const cmdsPerS = median(pushRates);
    const directPerS = median(directRates);
    console.log(`backend: ${server.db.kind} PostgreSQL`);
    console.log(`push over HTTP: ${spreadText(pushRates, 'cmds/s', 0)}`);
    console.log(`direct, same reads and rows: ${spreadText(directRates, 'sales/s', 0)}`);
    console.log(
      benchLine('sync-push', server.db.kind, {
        cmds_per_s: Math.round(cmdsPerS),
        direct_per_s: Math.round(directPerS),
        ratio: cmdsPerS / directPerS,
      }),
    );
  } finally {
    await bench.close();
  }
}

/**
 * One batch of the baseline: what the push path reads and writes for `count` online sales, done directly, with the
 * decisions already known (every sale applies).
 */
async function directBatch(
  tx: Queryable,
  t: TenantFixture,
  customers: Map<string, { id: string; wallet: string }>,
  from: number,
  count: number,
): Promise<void> {
  const r = await lockReseller(tx, t.resellerId);
  const rows = Array.from({ length: count }, (_, k) => ({
    commandId: uuidv7(),
    saleId: uuidv7(),
    saleNumber: `${t.terminal.salePrefix}-D${String(from + k).padStart(8, '0')}`,
    account: account(from + k),
  }));
  // The same reads as the deciders.
  await tx.query(
    'SELECT id, payload_hash, status FROM commands WHERE reseller_id = $1 AND id = ANY($2::uuid[])',
    [t.resellerId, rows.map((x) => x.commandId)],
  );
  await tx.query('SELECT id, version, retail_price FROM packages WHERE id = ANY($1::uuid[])', [[t.pkg.id]]);
  await tx.query('SELECT package_id, version FROM package_versions WHERE package_id = $1 AND version = $2', [
    t.pkg.id,
    t.pkg.version,
  ]);
  await tx.query(
    'SELECT id, account_number FROM customers WHERE reseller_id = $1 AND account_number = ANY($2::text[])',
    [t.resellerId, [...new Set(rows.map((x) => x.account))]],
  );
  await tx.query(
    'SELECT id FROM sales WHERE reseller_id = $1 AND (id = ANY($2::uuid[]) OR sale_number = ANY($3::text[]))',
    [t.resellerId, rows.map((x) => x.saleId), rows.map((x) => x.saleNumber)],
  );
  await tx.query('SELECT sale_id FROM sale_voids WHERE reseller_id = $1 AND sale_id = ANY($2::uuid[])', [
    t.resellerId,
    rows.map((x) => x.saleId),
  ]);
  const newCustomers: BatchWrites['customers'] = [];
  const entries: JournalEntryDraft[] = [];
  const grants: GrantRow[] = [];
  const sales: SaleRow[] = [];
  const commands: CommandRow[] = [];
  const changes: ChangeDraft[] = [];
  const now = new Date().toISOString();
  for (const x of rows) {
    let c = customers.get(x.account);
    if (!c) {
      c = { id: uuidv7(), wallet: uuidv7() };
      customers.set(x.account, c);
      newCustomers.push({ id: c.id, accountNumber: x.account, walletId: c.wallet });
    }
    const entryId = uuidv7();
    const grantId = uuidv7();
    entries.push({
      id: entryId,
      kind: 'sale',
      commandId: x.commandId,
      memo: null,
      lines: [
        { accountId: r.creditAccountId, amount: -t.pkg.wholesalePrice, currency: 'USD' },
        { accountId: r.revenueAccountId, amount: t.pkg.wholesalePrice, currency: 'USD' },
        { accountId: r.grantAccountId, amount: -t.pkg.faceValue, currency: 'USD' },
        { accountId: c.wallet, amount: t.pkg.faceValue, currency: 'USD' },
      ],
    });
    grants.push({
      id: grantId,
      customerId: c.id,
      amount: t.pkg.faceValue,
      remaining: t.pkg.faceValue,
      currency: 'USD',
      priority: 50,
      expiresAt: null,
      source: 'sale',
      sourceId: x.saleId,
    });
    const sale: SaleRow = {
      id: x.saleId,
      saleNumber: x.saleNumber,
      customerId: c.id,
      customerAccount: x.account,
      packageId: t.pkg.id,
      packageVersion: t.pkg.version,
      quantity: 1,
      retailAmount: t.pkg.retailPrice,
      wholesaleAmount: t.pkg.wholesalePrice,
      currency: 'USD',
      status: 'purchased',
      offline: false,
      offlineSeq: null,
      commandId: x.commandId,
      entryId,
      grantId,
      createdAt: now,
    };
    sales.push(sale);
    const result = { saleId: x.saleId, saleNumber: x.saleNumber, status: 'purchased', grantId };
    commands.push({
      id: x.commandId,
      type: 'sale.create',
      hash: x.commandId.replace(/-/g, ''),
      status: 'applied',
      result,
      reason: null,
      message: null,
      offline: false,
      createdAt: now,
    });
    changes.push({
      kind: 'sale',
      data: {
        saleId: x.saleId,
        saleNumber: x.saleNumber,
        terminalId: t.terminal.terminalId,
        status: 'purchased',
        customerAccount: x.account,
        packageId: t.pkg.id,
        quantity: 1,
        retailAmount: t.pkg.retailPrice,
        wholesaleAmount: t.pkg.wholesalePrice,
        currency: 'USD',
        createdAt: now,
      },
    });
  }
  await insertCustomers(tx, t.resellerId, 'USD', newCustomers);
  const balances = await writeJournal(tx, t.resellerId, entries);
  changes.push({
    kind: 'balance',
    data: { resellerId: t.resellerId, currency: 'USD', balance: balances.get(r.creditAccountId)! },
  });
  await writeRecords(tx, t.resellerId, t.terminal.terminalId, {
    customers: newCustomers,
    entries,
    grants,
    sales,
    refundedSales: [],
    saleVoids: [],
    commands,
    replacedCommandIds: [],
    changes,
    cardBatches: [],
  });
  await appendChanges(tx, t.resellerId, changes);
}
