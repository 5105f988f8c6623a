/**
 * Crash-test worker: opens the terminal services on a data folder and sells in a loop, syncing now and then, until
 * it is killed. Prints `READY` once open and `ACK <saleId>` only after a sale's local commit returned (what a
 * clerk would have been told). Usage: node --import tsx crash-worker.ts <dataDir> <packageId>
 */
import { openTerminal } from './support/terminal-harness';

const [dataDir, packageId] = process.argv.slice(2);
if (!dataDir || !packageId) {
  console.error('usage: crash-worker <dataDir> <packageId>');
  process.exit(2);
}
const services = await openTerminal(dataDir, {
  sync: {
    idleIntervalMs: 60_000,
    backoff: { baseMs: 10, capMs: 100 },
    requestTimeoutMs: 2_000,
    autoStart: false,
  },
});
process.stdout.write('READY\n');
for (let i = 0; ; i++) {
  const out = await services.terminal.sales.createSale(
    { packageId, customerAccount: `+1555${String(i % 10_000).padStart(6, '0')}`, quantity: 1 + (i % 3) },
    null,
  );
  if (out.outcome === 'confirmed' || out.outcome === 'queued') process.stdout.write(`ACK ${out.sale.id}\n`);
  else process.stdout.write(`NOACK ${out.outcome} ${out.reason}\n`);
  if (i % 4 === 3) await services.terminal.engine.syncNow();
}
