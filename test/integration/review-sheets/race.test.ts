import { afterEach, describe, expect, it } from 'vitest';
import type { SheetPrintJob } from '../../../core/contract/types/cards';
import { call, download, LAYOUT, openRig, removeDir, seedCards, settled, type Rig } from './support';

let rig: Rig | undefined;
afterEach(async () => {
  if (rig) {
    await rig.close();
    removeDir(rig.dataDir);
  }
  rig = undefined;
});

describe('review: a card is never printed twice as an original', () => {
  it('two printSheet calls on the same cards, before either has recorded, must not both be copy 1 without a reason', async () => {
    rig = await openRig();
    const cards = seedCards(rig.s, 20);
    const request = {
      target: { kind: 'ids', ids: cards.map((c) => c.id) },
      layout: LAYOUT,
      destination: 'file',
    };
    // Both requests are accepted while the first one is still rendering (the print count is only bumped at the end).
    const first = await call<SheetPrintJob>(rig.s, 'cards.printSheet', request);
    const second = await call<SheetPrintJob>(rig.s, 'cards.printSheet', request).catch(
      (e: { code: string }) => e,
    );
    const a = await settled(rig.s, first.jobId);
    expect(a.state).toBe('done');
    // A sheet saved as a file counts as printed once downloaded.
    await download(rig.s, a.jobId);
    if ('jobId' in second) {
      const b = await settled(rig.s, second.jobId);
      // If the second sheet is allowed at all it has to be a COPY (copy number 2, with a reason).
      expect(b.state === 'done' ? b.copyNumber : 2).toBe(2);
    } else {
      expect(second.code).toMatch(/reprint_reason_required|already_printing|busy|sheet_in_progress/);
    }
    const rows = rig.s.terminal.ledger.db
      .prepare('SELECT copy_number, reason FROM card_prints ORDER BY at, id')
      .all() as { copy_number: number; reason: string | null }[];
    // Never two originals of the same cards.
    expect(rows.filter((r) => r.copy_number === 1)).toHaveLength(1);
  });
});
