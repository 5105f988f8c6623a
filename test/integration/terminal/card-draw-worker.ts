/**
 * Kill test worker: opens an enrolled, offline terminal on a data folder, signs the manager in, and draws card series
 * of 1 to 3 cards from the PIN reserve in a loop until the test kills it, printing `DRAWN <n>` after each draw that
 * committed. Usage: node card-draw-worker.ts <dataDir> <clerkId> <pin>
 */
import type { CardSeriesJob } from '../../../core/contract/types/cards';
import { call, openTerminal } from './support/terminal-harness';

const [dataDir, clerkId, pin] = process.argv.slice(2);
if (!dataDir || !clerkId || !pin) {
  console.error('usage: card-draw-worker <dataDir> <clerkId> <pin>');
  process.exit(2);
}
const services = await openTerminal(dataDir);
await call(services, 'session.signIn', { clerkId, pin });
process.stdout.write('READY\n');
const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
for (let i = 0; ; i++) {
  const job = await call<CardSeriesJob>(services, 'cards.createSeries', {
    amount: 100,
    quantity: 1 + (i % 3),
    prefix: '1',
    pinLength: 12,
    expiresAt,
  });
  process.stdout.write(`DRAWN ${job.total}\n`);
}
