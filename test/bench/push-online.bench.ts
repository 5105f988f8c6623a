/**
 * Benchmark: one big reseller's counter traffic. 16 terminals of one reseller each push online sales as batches of
 * one (what a busy shop's counters do), concurrently, over HTTP on loopback, against real PostgreSQL
 * (REFILL_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, in a temporary database; the
 * embedded PostgreSQL when that cannot be reached: the line names the backend). Every push serializes on the
 * reseller's balance row, so the floor it is judged against is that row's limit: 16 clients running
 * `UPDATE ... SET balance = balance + 1` on one row of the same database, one durable commit each, measured in the
 * same run. Three passes of each; min/median/max printed. The ledger is checked after the run (every entry balanced,
 * cached balances equal to the postings, one sale per applied command).
 * Last line: `BENCH push-online backend=... terminals=16 cmds_per_s=... p95_ms=... hot_row_tps=... ratio=...`
 * (ratio = cmds_per_s / hot_row_tps; target ≥ 0.25 with p95 < 30 ms).
 */
import pg from 'pg';
import type { Queryable } from '../../server/db/database';
import {
  anotherTerminal,
  apiClient,
  createTenant,
  saleCommand,
  type TenantFixture,
} from '../integration/server/api-harness';
import { keepAliveFetch } from '../../main/api-client/keep-alive-fetch';
import { spawnServerProcess, stopServerProcess } from '../integration/server/server-process';
import { startBenchServer } from './bench-server';
import { checkServerLedger } from './bench-checks';
import { benchLine, median, MIN_PASSES, percentile, spreadText } from './bench-stats';

const TERMINALS = 16;
const PER_TERMINAL = 60;
const PASSES = MIN_PASSES;
const HOT_ROW_PER_CLIENT = 150;

interface Pass {
  readonly cmdsPerS: number;
  readonly latencies: readonly number[];
}

/** Runs the push-online benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const bench = await startBenchServer('push-online', 'postgres://postgres@127.0.0.1:5432/postgres');
  const { server } = bench;
  try {
    // The API runs as its own process, as it does for real terminals (the benchmark's HTTP clients would otherwise
    // share its one thread); on the embedded fallback it runs in this process.
    const proc = bench.databaseUrl ? await spawnServerProcess(bench.databaseUrl) : null;
    // The terminals' own transport (node:http, kept-alive sockets), as a real terminal's sync loop calls.
    const api = apiClient(proc?.api.url ?? server.url, keepAliveFetch);
    try {
      const first = await createTenant(api, { credits: 1_000_000_000 });
      const terminals: TenantFixture[] = [first];
      while (terminals.length < TERMINALS) terminals.push(await anotherTerminal(api, first));

      const pushOne = async (t: TenantFixture): Promise<number> => {
        const t0 = performance.now();
        const r = await api.call('POST', '/v1/terminal/sync/push', {
          token: t.token,
          body: { commands: [saleCommand(t)] },
        });
        const ms = performance.now() - t0;
        if (r.status !== 200) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
        // Only the outcome's status is checked here, not the whole answer against its schema: the 16 terminals would
        // be 16 machines, not one process sharing the server's two cores. The ledger is read back and checked below.
        const outcome = (r.body as { outcomes?: { status?: string }[] }).outcomes?.[0];
        if (outcome?.status !== 'applied')
          throw new Error(`a sale was not applied: ${JSON.stringify(outcome)}`);
        return ms;
      };
      // Warm up: every terminal's connection, the pool and the server's caches.
      await Promise.all(terminals.map(async (t) => pushOne(t)));

      const pushPasses: Pass[] = [];
      for (let p = 0; p < PASSES; p++) {
        const latencies: number[] = [];
        const t0 = performance.now();
        await Promise.all(
          terminals.map(async (t) => {
            for (let i = 0; i < PER_TERMINAL; i++) latencies.push(await pushOne(t));
          }),
        );
        const wall = performance.now() - t0;
        pushPasses.push({ cmdsPerS: latencies.length / (wall / 1000), latencies });
      }

      const hotPasses = await hotRowPasses(bench.databaseUrl, server.db);

      // Read back: every sale applied once, the ledger balanced.
      await checkServerLedger(server.db, [first.resellerId]);
      const expected = TERMINALS * (PER_TERMINAL * PASSES + 1);
      const counted = await server.db.query<{ n: string }>(
        'SELECT count(*)::text AS n FROM sales WHERE reseller_id = $1',
        [first.resellerId],
      );
      if (Number(counted[0]?.n) !== expected)
        throw new Error(`expected ${expected} sales, found ${counted[0]?.n}`);

      const rates = pushPasses.map((p) => p.cmdsPerS);
      const p95s = pushPasses.map((p) => percentile(p.latencies, 95));
      const backend = server.db.kind;
      console.log(`backend: ${backend} PostgreSQL${proc ? ' (the API in its own process)' : ''}`);
      console.log(`online push, ${TERMINALS} terminals, batch of 1: ${spreadText(rates, 'cmds/s', 0)}`);
      console.log(`  p95 latency: ${spreadText(p95s, 'ms', 1)}`);
      console.log(`hot-row UPDATE floor, ${TERMINALS} clients: ${spreadText(hotPasses, 'tps', 0)}`);
      const ratio = median(rates) / median(hotPasses);
      console.log(
        `target: ratio >= 0.25 and p95 < 30 ms (${ratio >= 0.25 && median(p95s) < 30 ? 'met' : 'NOT met'})`,
      );
      console.log(
        benchLine('push-online', backend, {
          terminals: TERMINALS,
          cmds_per_s: Math.round(median(rates)),
          p95_ms: median(p95s),
          hot_row_tps: Math.round(median(hotPasses)),
          ratio,
        }),
      );
    } finally {
      if (proc) await stopServerProcess(proc.child);
    }
  } finally {
    await bench.close();
  }
}

/**
 * The hot-row floor: TERMINALS clients each updating one shared row, one durable commit per update, PASSES times.
 * On PostgreSQL each client is its own connection; on the embedded fallback they share the server's pool.
 */
async function hotRowPasses(url: string | null, db: Queryable): Promise<number[]> {
  const clients: pg.Client[] = url
    ? await Promise.all(
        Array.from({ length: TERMINALS }, async () => {
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          return c;
        }),
      )
    : [];
  const update = 'UPDATE bench_hot_row SET balance = balance + 1 WHERE id = 1';
  const runners: (() => Promise<unknown>)[] = Array.from({ length: TERMINALS }, (_, i) => {
    const c = clients[i];
    return c ? () => c.query({ name: 'hot', text: update }) : () => db.query(update);
  });
  try {
    await db.execScript(
      'CREATE TABLE IF NOT EXISTS bench_hot_row (id int PRIMARY KEY, balance bigint NOT NULL); INSERT INTO bench_hot_row VALUES (1, 0) ON CONFLICT DO NOTHING',
    );
    await Promise.all(runners.map((r) => r()));
    const out: number[] = [];
    for (let p = 0; p < PASSES; p++) {
      const t0 = performance.now();
      await Promise.all(
        runners.map(async (r) => {
          for (let i = 0; i < HOT_ROW_PER_CLIENT; i++) await r();
        }),
      );
      out.push((TERMINALS * HOT_ROW_PER_CLIENT) / ((performance.now() - t0) / 1000));
    }
    const rows = await db.query<{ balance: string }>('SELECT balance::text FROM bench_hot_row WHERE id = 1');
    const want = TERMINALS * (HOT_ROW_PER_CLIENT * PASSES + 1);
    if (Number(rows[0]?.balance) !== want) throw new Error('the hot-row floor lost updates');
    return out;
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
