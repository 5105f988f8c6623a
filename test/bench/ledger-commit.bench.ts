/**
 * Ledger commit benchmark: the time to commit one local sale offline (sale row + journal entry + postings +
 * outbox command + counter, in one IMMEDIATE transaction: the real `SalesService.createSale` path) against the
 * floor of the same disk: a minimal durable one-row SQLite transaction (WAL, synchronous=FULL, one INSERT), in the
 * same folder, interleaved. Both are warmed to steady state first (as many commits as a pass, then a checkpoint
 * that lets each WAL be reused from its start), so neither pays for a growing file. Three passes of N each; their
 * medians' spread is printed and the line gives the median pass. The terminal's ledger is read back afterwards
 * (every entry balanced, every sale there). Target: ratio <= 2.
 * Also prints the pages (WAL frames) one sale and one floor commit write, the deterministic cause of the ratio, and the
 * CPU time (process.cpuUsage, user + system) of each, which a busy machine disturbs less than elapsed time.
 * A third commit, interleaved too, writes as many pages as a sale with the least work (one row into each of as many
 * tables): what the sale's pages alone cost on this disk, apart from its statements and code.
 * Last line: `BENCH ledger-commit backend=sqlite op_ms=... floor_ms=... pages_floor_ms=... pages=... floor_pages=...
 * op_cpu_us=... floor_cpu_us=... ratio=...`.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fakeEnrollAndPull } from '../integration/terminal/support/local-terminal';
import { openTerminal, tempDir } from '../integration/terminal/support/terminal-harness';
import { checkTerminalLedger } from './bench-checks';
import { benchLine, median, MIN_PASSES, percentile, spreadText } from './bench-stats';
import { framesPer, openCommitFloor, restartWal, type CommitFloor } from './commit-floor';

const N = Number(process.env.BENCH_N ?? 500);

/** Runs the benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const dir = tempDir('bench-ledger');
  const services = await openTerminal(dir);
  const floorDb = openCommitFloor(dir);
  let pagesFloor: CommitFloor | undefined;
  try {
    const big = { perSaleMax: 10 ** 12, totalOfflineMax: 10 ** 14, maxHoursSinceSync: 24 };
    const pkg = fakeEnrollAndPull(services, 10 ** 14, big);
    const { sales, ledger } = services.terminal;
    const input = { packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 };
    const sell = async (): Promise<number> => {
      const t = performance.now();
      const out = await sales.createSale(input, null);
      const ms = performance.now() - t;
      if (out.outcome !== 'queued') throw new Error(`expected an offline queued sale, got ${out.outcome}`);
      return ms;
    };

    // Steady state for all: a pass worth of commits each, then a checkpoint that restarts each WAL.
    for (let i = 0; i < N; i++) await sell();
    restartWal(ledger.db);
    floorDb.warm(N);
    const PROBE = 100;
    const warmPages = await framesPer(ledger.db, PROBE, sell);
    pagesFloor = openCommitFloor(dir, Math.round(warmPages));
    pagesFloor.warm(N);

    const opPasses: number[] = [];
    const floorPasses: number[] = [];
    const pagesFloorPasses: number[] = [];
    const all: number[] = [];
    const cpu = { op: 0, floor: 0 };
    const cpuOf = (since: NodeJS.CpuUsage): number => {
      const u = process.cpuUsage(since);
      return u.user + u.system;
    };
    for (let p = 0; p < MIN_PASSES; p++) {
      const op: number[] = [];
      const floor: number[] = [];
      const pages: number[] = [];
      for (let i = 0; i < N; i++) {
        let c = process.cpuUsage();
        op.push(await sell());
        cpu.op += cpuOf(c);
        c = process.cpuUsage();
        floor.push(floorDb.measure());
        cpu.floor += cpuOf(c);
        pages.push(pagesFloor.measure());
      }
      opPasses.push(median(op));
      floorPasses.push(median(floor));
      pagesFloorPasses.push(median(pages));
      all.push(...op);
      restartWal(ledger.db);
      floorDb.warm(0);
      pagesFloor.warm(0);
    }
    const salePages = await framesPer(ledger.db, PROBE, sell);
    const floorPages = await floorDb.framesPerCommit(PROBE);
    checkTerminalLedger(ledger, N * (MIN_PASSES + 1) + 2 * PROBE);
    const commits = N * MIN_PASSES;
    const opMed = median(opPasses);
    const floorMed = median(floorPasses);
    const pagesFloorMed = median(pagesFloorPasses);
    console.log('backend: SQLite (WAL, synchronous=FULL) in a temporary folder');
    console.log(
      `ledger commit (sale + journal + outbox, offline), median per pass: ${spreadText(opPasses, 'ms')}`,
    );
    console.log(`  p95 over all passes ${percentile(all, 95).toFixed(3)} ms`);
    console.log(
      `floor (one-row durable SQLite transaction), median per pass: ${spreadText(floorPasses, 'ms')}`,
    );
    console.log(
      `the same ${Math.round(warmPages)} pages with the least work (one row into each of ${Math.round(warmPages)} tables): ${spreadText(pagesFloorPasses, 'ms')}, ${(pagesFloorMed / floorMed).toFixed(2)} x the floor`,
    );
    console.log(
      `pages written per commit (WAL frames, deterministic): sale ${salePages.toFixed(1)}, floor ${floorPages.toFixed(1)}`,
    );
    console.log(
      `CPU per commit (user + system, mean over all passes): sale ${(cpu.op / commits).toFixed(1)} us, floor ${(cpu.floor / commits).toFixed(1)} us`,
    );
    console.log(`target: ratio <= 2 (${opMed / floorMed <= 2 ? 'met' : 'NOT met'})`);
    console.log(
      benchLine('ledger-commit', 'sqlite', {
        op_ms: opMed,
        floor_ms: floorMed,
        pages_floor_ms: pagesFloorMed,
        pages: salePages,
        floor_pages: floorPages,
        op_cpu_us: cpu.op / commits,
        floor_cpu_us: cpu.floor / commits,
        ratio: opMed / floorMed,
      }),
    );
  } finally {
    floorDb.close();
    pagesFloor?.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
