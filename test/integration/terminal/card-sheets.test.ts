import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js/node';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CardPage, CardSeriesJob, SheetPrintJob } from '../../../core/contract/types/cards';
import type { AppServices } from '../../../main/app/app-services';
import { decodePages, pdfInfo, pdfLayoutText, sorted, tempDir } from '../vouchers/voucher-pdf-check';
import { seedReseller, useCentral } from './support/central-api';
import { call } from './support/terminal-harness';
import { enrollTill, goOffline, syncOk } from './support/till';

const central = useCentral('central-sheets');
const nextYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString();

/** Waits for a sheet to finish rendering (by its state, not by time). */
async function rendered(s: AppServices, job: SheetPrintJob): Promise<SheetPrintJob> {
  let j = job;
  while (j.state === 'running') {
    await new Promise((r) => setTimeout(r, 20));
    j = await call<SheetPrintJob>(s, 'cards.sheetJob', { jobId: job.jobId });
  }
  return j;
}

/** Downloads a rendered sheet through the contract, piece by piece, into `file`. */
async function download(s: AppServices, job: SheetPrintJob, file: string): Promise<void> {
  const parts: Buffer[] = [];
  for (let offset = 0, done = false; !done;) {
    const piece = await call<{ base64: string; done: boolean }>(s, 'cards.sheetFile', {
      jobId: job.jobId,
      offset,
    });
    const bytes = Buffer.from(piece.base64, 'base64');
    parts.push(bytes);
    offset += bytes.length;
    done = piece.done;
  }
  writeFileSync(file, Buffer.concat(parts));
}

describe('voucher sheets at the terminal', () => {
  it('prints a series drawn offline as NOT YET VALID, with scannable serials, then a reprint only as a COPY with a reason', async () => {
    const seed = await seedReseller(central.server, {
      credits: 1_000_000,
      floorLimits: { perSaleMax: 100_000, totalOfflineMax: 500_000, maxHoursSinceSync: 24 },
    });
    const limits = { perSaleMax: 100_000, totalOfflineMax: 500_000, maxHoursSinceSync: 24 };
    const t = await enrollTill(central.server, central.cleanup, seed.resellerId, limits, { reserveSize: 30 });
    await syncOk(t);
    await goOffline(t);
    const series = await call<CardSeriesJob>(t.s, 'cards.createSeries', {
      amount: 1_000,
      quantity: 12,
      prefix: '1',
      pinLength: 12,
      expiresAt: nextYear(),
    });
    const cards = (
      await call<CardPage>(t.s, 'cards.list', { filter: { seriesId: series.seriesId }, limit: 100 })
    ).rows;
    const { dir, dispose } = await tempDir();
    central.cleanup.push(dispose);

    // With the central API down, the sheet renders from the locally sealed PINs.
    const job = await rendered(
      t.s,
      await call<SheetPrintJob>(t.s, 'cards.printSheet', {
        target: { kind: 'filter', filter: { seriesId: series.seriesId } },
        layout: { paper: 'A4', preset: 'card-10', barcode: 'code128', cutMarks: true },
        destination: 'file',
      }),
    );
    expect(job).toMatchObject({ state: 'done', done: 12, total: 12, pages: 2, copyNumber: 1 });
    const pdf = join(dir, 'first.pdf');
    await download(t.s, job, pdf);
    // The private file is gone once downloaded.
    expect(readdirSync(join(t.s.terminal.ledger.db.name, '..', 'sheets'))).toEqual([]);
    expect(sorted(await decodePages(pdf, mkdirSync(join(dir, 'first'), { recursive: true })!))).toEqual(
      sorted(cards.map((c) => c.serial)),
    );
    const text = await pdfLayoutText(pdf);
    expect(text.match(/NOT YET VALID/g)?.length).toBeGreaterThanOrEqual(12);
    for (const c of cards.slice(0, 3)) {
      const pin = (await call<{ pin: string }>(t.s, 'cards.revealPin', { cardId: c.id })).pin;
      expect(text).toContain(pin.replace(/(\d{4})(?=\d)/g, '$1 '));
      expect(await pdfInfo(pdf)).not.toContain(pin);
    }

    // A second print of the same cards needs a reason and says COPY on every card.
    const again = {
      target: { kind: 'ids', ids: cards.slice(0, 4).map((c) => c.id) },
      layout: { paper: 'Letter', preset: 'dense-50', barcode: 'qr', cutMarks: false },
      destination: 'file',
    };
    await expect(call(t.s, 'cards.printSheet', again)).rejects.toMatchObject({
      code: 'reprint_reason_required',
    });
    const copy = await rendered(
      t.s,
      await call<SheetPrintJob>(t.s, 'cards.printSheet', { ...again, reprintReason: 'printer jammed' }),
    );
    expect(copy).toMatchObject({ state: 'done', done: 4, copyNumber: 2 });
    const copyPdf = join(dir, 'copy.pdf');
    await download(t.s, copy, copyPdf);
    expect((await pdfLayoutText(copyPdf)).match(/COPY/g)?.length).toBeGreaterThanOrEqual(4);
    expect(sorted(await decodePages(copyPdf, mkdirSync(join(dir, 'copy'), { recursive: true })!))).toEqual(
      sorted(cards.slice(0, 4).map((c) => c.serial)),
    );
    const audit = t.s.terminal.ledger.db
      .prepare('SELECT cards, copy_number, reason FROM card_prints ORDER BY at')
      .all();
    expect(audit).toEqual([
      { cards: 12, copy_number: 1, reason: null },
      { cards: 4, copy_number: 2, reason: 'printer jammed' },
    ]);

    // Once synced the batch is valid: a redeemed card never prints again.
    await syncOk(t);
    const pin = (await call<{ pin: string }>(t.s, 'cards.revealPin', { cardId: cards[0]!.id })).pin;
    expect(await call(t.s, 'cards.redeem', { customerAccount: '+15550007777', pin })).toMatchObject({
      status: 'redeemed',
    });
    await syncOk(t);
    const skipped = await call<SheetPrintJob>(t.s, 'cards.printSheet', {
      target: { kind: 'ids', ids: [cards[0]!.id, cards[5]!.id] },
      destination: 'file',
      reprintReason: 'lost sheet',
    });
    expect(skipped).toMatchObject({ total: 1, skipped: { used: 1, expired: 0, void: 0, pinNotHeld: 0 } });
    const done = await rendered(t.s, skipped);
    expect(done.state).toBe('done');
    expect(await call(t.s, 'cards.discardSheet', { jobId: done.jobId })).toEqual({ removed: true });

    // Settings: a logo and a default redemption text go on every sheet; the preview shows made-up cards only.
    const png = await bwipjs.toBuffer({ bcid: 'qrcode', text: 'logo', scale: 2 });
    await expect(
      call(t.s, 'cards.setSheetSettings', {
        logo: { kind: 'png', base64: Buffer.from('not a png').toString('base64') },
      }),
    ).rejects.toMatchObject({ code: 'unsupported_logo' });
    const saved = await call<{ logo: { dataUrl: string } | null; instructions: string | null }>(
      t.s,
      'cards.setSheetSettings',
      { logo: { kind: 'png', base64: png.toString('base64') }, instructions: 'Dial *123*PIN#' },
    );
    expect(saved.logo?.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(saved.instructions).toBe('Dial *123*PIN#');
    const preview = await call<{ pdfBase64: string }>(t.s, 'cards.sheetPreview', {
      layout: { paper: 'A4', preset: 'labels-21', barcode: 'code128', cutMarks: true },
    });
    const previewPdf = join(dir, 'preview.pdf');
    writeFileSync(previewPdf, Buffer.from(preview.pdfBase64, 'base64'));
    const previewText = await pdfLayoutText(previewPdf);
    expect(previewText).toContain('123-0000001');
    expect(previewText).toContain('Dial *123*PIN#');
    expect(execFileSync('pdfimages', ['-list', previewPdf], { encoding: 'utf8' })).toMatch(/image|smask/);
    for (const c of cards) expect(previewText).not.toContain(c.serial);
    expect(existsSync(join(t.s.terminal.ledger.db.name, '..', 'sheets', `${done.jobId}.pdf`))).toBe(false);
  });
});
