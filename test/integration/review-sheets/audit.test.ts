import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SheetPrintJob } from '../../../core/contract/types/cards';
import { pdfInfo } from '../vouchers/voucher-pdf-check';
import { call, download, LAYOUT, openRig, removeDir, seedCards, settled, type Rig } from './support';

let rig: Rig | undefined;
afterEach(async () => {
  if (rig) {
    await rig.close();
    removeDir(rig.dataDir);
  }
  rig = undefined;
});

const sheet = async (r: Rig, ids: string[], reprintReason?: string): Promise<SheetPrintJob> => {
  const job = await call<SheetPrintJob>(r.s, 'cards.printSheet', {
    target: { kind: 'ids', ids },
    layout: LAYOUT,
    destination: 'file',
    ...(reprintReason ? { reprintReason } : {}),
  });
  return settled(r.s, job.jobId);
};

describe('review: audit and copy numbers', () => {
  it(
    'a reprint reason quoting the PIN as printed (groups of 4) does not put the PIN into the PDF metadata or card_prints',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const [card] = seedCards(rig.s, 1);
      const first = await sheet(rig, [card!.id]);
      await download(rig.s, first.jobId);
      // The clerk copies what the smudged card shows: the PIN grouped by 4, as the sheet prints it.
      const grouped = card!.pin.replace(/(\d{4})(?=\d)/g, '$1 ');
      const copy = await sheet(rig, [card!.id], `PIN ${grouped} smudged`);
      expect(copy.state).toBe('done');
      const file = join(rig.dataDir, 'copy.pdf');
      writeFileSync(file, await download(rig.s, copy.jobId));
      const info = (await pdfInfo(file)).replace(/\D/g, '');
      expect(info.includes(card!.pin), 'PIN digits in PDF metadata').toBe(false);
      const reason = (
        rig.s.terminal.ledger.db.prepare('SELECT reason FROM card_prints WHERE copy_number = 2').get() as {
          reason: string;
        }
      ).reason;
      expect(reason.replace(/\D/g, '').includes(card!.pin), 'PIN digits in card_prints.reason').toBe(false);
    },
  );

  it(
    'a card that was on a COPY sheet gets a new copy number on its next print (never two prints with the same number)',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const [a, b] = seedCards(rig.s, 2);
      // Each sheet is saved as a file and downloaded: then it counts as printed.
      const printed = async (ids: string[], reason?: string): Promise<SheetPrintJob> => {
        const job = await sheet(rig!, ids, reason);
        await download(rig!.s, job.jobId);
        return job;
      };
      expect((await printed([a!.id])).copyNumber).toBe(1);
      // A and B together: A was printed once, so the sheet is COPY 2, and B (never printed) is stamped COPY as well.
      const both = await printed([a!.id, b!.id], 'reprint with a new card');
      expect(both.copyNumber).toBe(2);
      // B printed again: its previous print already carried copy number 2.
      const bAgain = await sheet(rig, [b!.id], 'lost the sheet');
      expect(bAgain.state).toBe('done');
      expect(bAgain.copyNumber, 'copy number of B reused').toBeGreaterThan(both.copyNumber);
    },
  );

  it(
    'a sheet saved to file but never downloaded (discarded) is not recorded as printed',
    { timeout: 40_000 },
    async () => {
      rig = await openRig();
      const cards = seedCards(rig.s, 3);
      const job = await sheet(
        rig,
        cards.map((c) => c.id),
      );
      expect(job.state).toBe('done');
      expect(await call(rig.s, 'cards.discardSheet', { jobId: job.jobId })).toEqual({ removed: true });
      // Nothing left the terminal: no paper, no file.
      const rows = rig.s.terminal.ledger.db.prepare('SELECT count(*) AS n FROM card_prints').get() as {
        n: number;
      };
      expect(rows.n, 'card_prints rows for a discarded, never downloaded sheet').toBe(0);
      // ...so the cards print again as originals.
      const again = await sheet(
        rig,
        cards.map((c) => c.id),
      ).catch((e: { code: string }) => e);
      expect('copyNumber' in again ? again.copyNumber : (again as { code: string }).code).toBe(1);
    },
  );
});
