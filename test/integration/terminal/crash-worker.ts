/**
 * Crash-test worker: opens the terminal services on a data folder, signs the clerk in and sells in a loop through
 * the contract, syncing now and then, until the test kills it. It reports its progress on stdout, one line each:
 *
 *   READY                     open and signed in
 *   SELL <saleId>             about to sell (the id is the attempt's, made here)
 *   COMMITTED <saleId>        committed locally, about to push it online; waits for a `GO` line on stdin
 *   ANSWERED <saleId>         the online push answered (or gave up); waits for `GO` before the outcome is returned
 *   ACK <saleId> <outcome>    confirmed or queued: what the clerk is shown as sold
 *   NOACK <saleId> <outcome>  rejected or refused: shown as not sold (`-` when refused before anything was written)
 *   SEEN <saleId>             the shown outcome was acknowledged (`sales.outcomeShown`), like the Sell screen does
 *
 * The two holds let the test kill it at a known point in the middle of a sale (committed but never pushed; applied
 * by the server but never shown). Usage: node crash-worker.ts <dataDir> <packageId> <clerkId> <pin>
 */
import { createInterface } from 'node:readline';
import type { SaleCreateOutcome } from '../../../core/contract/types/sales';
import { uuidv7 } from '../../../core/uuidv7';
import { call, openTerminal } from './support/terminal-harness';

const [dataDir, packageId, clerkId, pin] = process.argv.slice(2);
if (!dataDir || !packageId || !clerkId || !pin) {
  console.error('usage: crash-worker <dataDir> <packageId> <clerkId> <pin>');
  process.exit(2);
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

// `GO` lines from the test, consumed one per hold.
const goes: (() => void)[] = [];
let early = 0;
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'GO') return;
  const next = goes.shift();
  if (next) next();
  else early += 1;
});
function hold(line: string): Promise<void> {
  say(line);
  if (early > 0) {
    early -= 1;
    return Promise.resolve();
  }
  return new Promise((resolve) => goes.push(resolve));
}

const services = await openTerminal(dataDir, {
  sync: {
    idleIntervalMs: 60_000,
    backoff: { baseMs: 10, capMs: 100 },
    requestTimeoutMs: 2_000,
    autoStart: false,
  },
});
await call(services, 'session.signIn', { clerkId, pin });

// The sales service pushes a committed sale through the engine's online-first push (looked up at call time): wrap it
// to report the sale's progress and hold at both ends of the push.
const { engine } = services.terminal;
const push = engine.pushAndWait.bind(engine);
let current = '';
engine.pushAndWait = async (commandId, timeoutMs) => {
  await hold(`COMMITTED ${current}`);
  const ack = await push(commandId, timeoutMs);
  await hold(`ANSWERED ${current}`);
  return ack;
};

say('READY');
for (let i = 0; ; i++) {
  current = uuidv7();
  say(`SELL ${current}`);
  const out = await call<SaleCreateOutcome>(services, 'sales.create', {
    packageId,
    customerAccount: `+1555${String(i % 10_000).padStart(6, '0')}`,
    quantity: 1 + (i % 3),
    saleId: current,
  });
  if (out.outcome === 'confirmed' || out.outcome === 'queued') say(`ACK ${out.sale.id} ${out.outcome}`);
  else say(`NOACK ${out.sale?.id ?? '-'} ${out.outcome} ${out.reason}`);
  if (out.sale) {
    await call(services, 'sales.outcomeShown', { saleId: out.sale.id, outcome: out.outcome });
    say(`SEEN ${out.sale.id}`);
  }
  if (i % 4 === 3) await services.terminal.engine.syncNow();
}
