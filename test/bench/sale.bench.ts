/**
 * Sale benchmark: from the `sales.create` call through the real dispatcher to the committed sale and its receipt
 * PDF bytes (`receipts.render`), p50 and p95 over N sales offline (central API stopped, terminal already marked
 * offline: no timeouts waited) and then N online against the central API on loopback (in-process, on its
 * embedded PostgreSQL, or PostgreSQL in a temporary database when REFILL_BENCH_DATABASE_URL is set). Next to it,
 * the floor of the same disk measured in the same run (a one-row durable SQLite transaction, interleaved). Targets:
 * p95 offline < 50 ms, online p95 < 100 ms. Each run is cut in three passes (spread printed); read back after: the
 * terminal's and the central API's ledgers balanced, every sale there. Last line:
 * `BENCH sale backend=sqlite+... p50_ms=... p95_ms=... online_p95_ms=... floor_ms=... ratio=...` (ratio = offline p50
 * over the floor: a whole sale with its receipt against one durable commit).
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { RenderedReceipt } from '../../core/contract/types/receipts';
import type { SaleCreateOutcome } from '../../core/contract/types/sales';
import type { AppServices } from '../../main/app/app-services';
import { startServer, type RunningServer } from '../../server/start-server';
import { createScratchPostgresDatabase } from '../integration/server/server-backends';
import { seedReseller } from '../integration/terminal/support/central-api';
import { enrollAndSignIn, openTerminal, tempDir } from '../integration/terminal/support/terminal-harness';
import { checkServerLedger, checkTerminalLedger } from './bench-checks';
import { benchLine, median, MIN_PASSES, percentile, spreadText } from './bench-stats';
import { openCommitFloor, type CommitFloor } from './commit-floor';

const N = Number(process.env.BENCH_N ?? 1_000);
const WARMUP = 20;
const OPERATOR_KEY = 'test-operator-key-0123456789abcdefghijklmnopqrstuvwxyz';
const ctx = { host: 'browser' as const };

async function dispatch<T>(s: AppServices, name: string, input: unknown): Promise<T> {
  const res = await s.dispatch(name, input, ctx);
  if (!res.ok) throw new Error(`${name}: ${res.error.code}: ${res.error.message}`);
  return res.value as T;
}

/** Sells and renders the receipt N (+ warm-up) times; answers per-sale times and interleaved floor times, ms. */
async function measure(
  s: AppServices,
  packageId: string,
  expected: SaleCreateOutcome['outcome'],
  floor: CommitFloor,
): Promise<{ sale: number[]; floor: number[] }> {
  const sale: number[] = [];
  const floorMs: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const t = performance.now();
    const out = await dispatch<SaleCreateOutcome>(s, 'sales.create', {
      packageId,
      customerAccount: `+1555${String(i % 1_000).padStart(7, '0')}`,
      quantity: 1,
      tenderedAmount: 500,
    });
    if (out.outcome !== expected) throw new Error(`expected ${expected}, got ${out.outcome}`);
    const receipt = await dispatch<RenderedReceipt>(s, 'receipts.render', { saleId: out.sale!.id });
    const bytes = Buffer.from(receipt.pdfBase64, 'base64');
    const ms = performance.now() - t;
    if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the receipt is not a PDF');
    const f = floor.measure();
    if (i >= WARMUP) {
      sale.push(ms);
      floorMs.push(f);
    }
  }
  return { sale, floor: floorMs };
}

/** Runs the benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const serverDir = tempDir('bench-sale-central');
  const termDir = tempDir('bench-sale-term');
  const baseUrl = process.env.REFILL_BENCH_DATABASE_URL || null;
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  if (baseUrl) {
    scratch = await createScratchPostgresDatabase(baseUrl);
    console.log(`central API database: PostgreSQL (temporary database on ${new URL(baseUrl).host})`);
  } else {
    console.log('central API database: embedded PostgreSQL (set REFILL_BENCH_DATABASE_URL for another)');
  }
  const start = (port: number): Promise<RunningServer> =>
    startServer({
      dataDir: serverDir,
      port,
      databaseUrl: scratch?.url ?? null,
      seedDemo: false,
      operatorKey: OPERATOR_KEY,
    });
  let server = await start(0);
  const services = await openTerminal(termDir);
  const floor = openCommitFloor(termDir);
  floor.warm(N);
  try {
    const big = { perSaleMax: 10 ** 9, totalOfflineMax: 10 ** 12, maxHoursSinceSync: 24 };
    const seed = await seedReseller(server, { credits: 10 ** 9, floorLimits: big });
    await enrollAndSignIn(services, server.url, seed.code);

    // Offline: the central API is stopped and the terminal already knows it is offline.
    const port = server.port;
    await server.close();
    services.terminal.ledger.recordContact(false, 'bench: central API stopped');
    const offline = await measure(services, seed.pkg.id, 'queued', floor);

    // Back online: the same port, the queue drained first, then online-first sales.
    server = await start(port);
    const report = await dispatch<{ ok: boolean; applied: number }>(services, 'sync.now', {});
    if (!report.ok) throw new Error('could not sync the offline sales');
    console.log(`synced ${report.applied} offline sales`);
    const online = await measure(services, seed.pkg.id, 'confirmed', floor);

    const floorAll = [...offline.floor, ...online.floor];
    // Read back: every sale on the terminal, its ledger balanced; the central API's ledger balanced.
    checkTerminalLedger(services.terminal.ledger, 2 * (N + WARMUP));
    await checkServerLedger(server.db, [seed.resellerId]);
    // Passes: each run cut in MIN_PASSES consecutive parts.
    const parts = (xs: readonly number[], f: (part: readonly number[]) => number): number[] => {
      const size = Math.floor(xs.length / MIN_PASSES);
      return Array.from({ length: MIN_PASSES }, (_, k) => f(xs.slice(k * size, (k + 1) * size)));
    };
    const offP50 = parts(offline.sale, median);
    const offP95 = parts(offline.sale, (x) => percentile(x, 95));
    const onP95 = parts(online.sale, (x) => percentile(x, 95));
    const floors = parts(floorAll, median);
    const p50 = median(offP50);
    const p95 = median(offP95);
    const onlineP95 = median(onP95);
    const floorMed = median(floors);
    console.log(`backend: terminal SQLite; central API on ${server.db.kind} PostgreSQL`);
    console.log(`offline sale + receipt PDF (${N}), p50: ${spreadText(offP50, 'ms')}`);
    console.log(`  p95: ${spreadText(offP95, 'ms')} (target p95 < 50 ms)`);
    console.log(`online sale + receipt PDF (${N}), p95: ${spreadText(onP95, 'ms')} (target p95 < 100 ms)`);
    console.log(`floor (one-row durable SQLite transaction), median: ${spreadText(floors, 'ms')}`);
    console.log(
      benchLine('sale', `sqlite+${server.db.kind}`, {
        p50_ms: p50,
        p95_ms: p95,
        online_p95_ms: onlineP95,
        floor_ms: floorMed,
        ratio: p50 / floorMed,
      }),
    );
  } finally {
    floor.close();
    await services.close();
    await server.close().catch(() => undefined);
    await scratch?.drop().catch(() => undefined);
    rmSync(termDir, { recursive: true, force: true });
    rmSync(serverDir, { recursive: true, force: true });
  }
}
