/**
 * Ledger commit benchmark: the time to commit one local sale offline (sale row + journal entry + postings +
 * outbox command + counter, in one IMMEDIATE transaction: the real `SalesService.createSale` path) against the
 * floor of the same disk: a minimal durable one-row SQLite transaction (WAL, synchronous=FULL, one INSERT), in the
 * same folder, interleaved, medians over N each. Target: ratio <= 2.
 */
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fakeEnrollAndPull } from '../integration/terminal/support/local-terminal';
import { openTerminal, tempDir } from '../integration/terminal/support/terminal-harness';
import { benchLine, median, percentile } from './bench-stats';
import { openCommitFloor } from './commit-floor';

const N = Number(process.env.BENCH_N ?? 500);
const WARMUP = 20;

/** Runs the benchmark and prints its BENCH line. */
export async function run(): Promise<void> {
  const dir = tempDir('bench-ledger');
  const services = await openTerminal(dir);
  const floorDb = openCommitFloor(dir);
  try {
    const big = { perSaleMax: 10 ** 12, totalOfflineMax: 10 ** 14, maxHoursSinceSync: 24 };
    const pkg = fakeEnrollAndPull(services, 10 ** 14, big);
    const { sales } = services.terminal;
    const input = { packageId: pkg.id, customerAccount: '+15550001111', quantity: 1 };

    const op: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < N + WARMUP; i++) {
      const t = performance.now();
      const out = await sales.createSale(input, null);
      const opMs = performance.now() - t;
      if (out.outcome !== 'queued') throw new Error(`expected an offline queued sale, got ${out.outcome}`);
      const floorMs = floorDb.measure();
      if (i >= WARMUP) {
        op.push(opMs);
        floor.push(floorMs);
      }
    }
    const opMed = median(op);
    const floorMed = median(floor);
    console.log(
      `ledger commit (sale + journal + outbox, offline): median ${opMed.toFixed(3)} ms, p95 ${percentile(op, 95).toFixed(3)} ms`,
    );
    console.log(
      `floor (one-row durable SQLite transaction): median ${floorMed.toFixed(3)} ms, p95 ${percentile(floor, 95).toFixed(3)} ms`,
    );
    console.log(benchLine('ledger-commit', { op_ms: opMed, floor_ms: floorMed, ratio: opMed / floorMed }));
  } finally {
    floorDb.close();
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
