import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetPrintJob } from '../../../core/contract/types/cards';
import { pdfLayoutText } from '../vouchers/voucher-pdf-check';
import { call, download, LAYOUT, openRig, removeDir, seedCards, settled, type Rig } from './support';

let rig: Rig | undefined;
afterEach(async () => {
  if (rig) {
    await rig.close();
    removeDir(rig.dataDir);
  }
  rig = undefined;
});

describe('review: a card that stops being printable while the sheet renders', () => {
  it(
    'is not printed once it was redeemed / voided (a sync pull lands mid-render)',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const s = rig.s;
      const cards = seedCards(s, 1_200);
      const redeemed = cards[1_100]!;
      const voided = cards[1_150]!;
      const db = s.terminal.ledger.db;
      let changed = false;
      // As soon as the first page is out (progress-based), the mirror learns that two later cards were redeemed and
      // voided elsewhere: exactly what a background sync pull does while a big sheet renders.
      const unsubscribe = s.events.subscribe((m) => {
        const job = m.payload as SheetPrintJob;
        if (!changed && m.name === 'cards.printProgress' && job.done > 0) {
          changed = true;
          db.prepare("UPDATE cards SET status = 'activated', activated_at = ? WHERE id = ?").run(
            new Date().toISOString(),
            redeemed.id,
          );
          db.prepare("UPDATE cards SET status = 'void', validity = 'void_rejected' WHERE id = ?").run(
            voided.id,
          );
        }
      });
      const job = await call<SheetPrintJob>(s, 'cards.printSheet', {
        target: { kind: 'ids', ids: cards.map((c) => c.id) },
        layout: LAYOUT,
        destination: 'file',
      });
      const done = await settled(s, job.jobId);
      unsubscribe();
      expect(changed).toBe(true);
      const file = join(rig.dataDir, 'out.pdf');
      if (done.state === 'done') writeFileSync(file, await download(s, job.jobId));
      const text = done.state === 'done' ? await pdfLayoutText(file) : '';
      // Either the sheet refuses/skips them, or the render fails: an activated or void card must never be on paper.
      expect(text.includes(redeemed.serial), `redeemed card ${redeemed.serial} on the sheet`).toBe(false);
      expect(text.includes(voided.serial), `void card ${voided.serial} on the sheet`).toBe(false);
    },
  );
});
