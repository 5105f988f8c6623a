// Child process: a manager cancels a 1 500-card sheet as soon as its first page is written, then the terminal closes.
// Prints one JSON line; the process must then exit 0 (an uncaught exception exits 1: the desktop main process dies).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SheetPrintJob } from '../../../core/contract/types/cards';
import { call, LAYOUT, openRig, removeDir, seedCards, settled } from './support';

const rig = await openRig();
const s = rig.s;
const cards = seedCards(s, 1_500);
let cancelled = false;
let fileMode = '';
const unsubscribe = s.events.subscribe((m) => {
  const job = m.payload as SheetPrintJob;
  if (m.name === 'cards.printProgress' && job.done > 0 && !cancelled) {
    cancelled = true;
    fileMode = (statSync(join(rig.sheetDir, `${job.jobId}.pdf`)).mode & 0o777).toString(8);
    void call(s, 'cards.cancelSheet', { jobId: job.jobId });
  }
});
const job = await call<SheetPrintJob>(s, 'cards.printSheet', {
  target: { kind: 'ids', ids: cards.map((c) => c.id) },
  layout: LAYOUT,
  destination: 'file',
});
const end = await settled(s, job.jobId);
unsubscribe();
const download = await call(s, 'cards.sheetFile', { jobId: job.jobId, offset: 0 }).then(
  () => 'served',
  (e: { code: string }) => e.code,
);
const result = {
  state: end.state,
  fileMode,
  dirMode: (statSync(rig.sheetDir).mode & 0o777).toString(8),
  files: existsSync(rig.sheetDir) ? readdirSync(rig.sheetDir) : [],
  prints: (s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM card_prints').get() as { n: number }).n,
  download,
};
await rig.close();
removeDir(rig.dataDir);
console.log(JSON.stringify(result));
