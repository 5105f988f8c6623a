import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { layoutSheet, type SheetLayout } from '../../../main/vouchers/voucher-layout';
import { renderVoucherSheet } from '../../../main/vouchers/voucher-sheet-renderer';
import type { SheetOptions, VoucherCard } from '../../../main/vouchers/voucher-sheet-types';

const run = promisify(execFile);

/** A temporary folder for one test's PDFs and rasters. */
export async function tempDir(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'refill-vouchers-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Renders `cards` to `file` and returns the render result. */
export async function renderToFile(cards: Iterable<VoucherCard>, options: SheetOptions, file: string) {
  return renderVoucherSheet(cards, options, createWriteStream(file));
}

/** The layout the renderer used for `options`. */
export function layoutOf(options: SheetOptions): SheetLayout {
  return layoutSheet({
    ...options,
    hasLogo: options.logo !== undefined,
    hasShopName: options.shopName !== undefined,
    hasInstructions: options.instructions !== undefined,
    hasMarking: options.copy !== undefined || options.notYetValid === true,
  });
}

async function zbar(png: string): Promise<string[]> {
  try {
    const { stdout } = await run('zbarimg', ['--raw', '-q', png]);
    return stdout.split('\n').filter((l) => l.length > 0);
  } catch (error) {
    // zbarimg exits 4 when the image holds no barcode.
    if ((error as { code?: number }).code === 4) return [];
    throw error;
  }
}

/** Rasterises every page at 300 dpi (`pdftoppm -r 300 -png`) and decodes each with `zbarimg --raw -q`. */
export async function decodePages(pdf: string, dir: string): Promise<string[]> {
  const prefix = join(dir, 'page');
  await run('pdftoppm', ['-r', '300', '-png', pdf, prefix]);
  const pngs = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
  const out: string[] = [];
  for (const png of pngs) out.push(...(await zbar(join(dir, png))));
  return out;
}

/**
 * Rasterises each card cell at 300 dpi (`pdftoppm -r 300 -x -y -W -H`, the cell plus its quiet surroundings) and
 * decodes it with zbarimg: one card per image, as a reader sees a cut card. zbar misses some QR codes when dozens
 * sit in a regular grid on one page (their finder patterns line up), so QR sheets are checked per card.
 */
export async function decodeCells(
  pdf: string,
  dir: string,
  layout: SheetLayout,
  cards: number,
): Promise<string[]> {
  const scale = 300 / 72;
  const out: string[] = [];
  for (let i = 0; i < cards; i++) {
    const page = Math.floor(i / layout.cardsPerPage) + 1;
    const cell = layout.bleedCells[i % layout.cardsPerPage]!;
    const prefix = join(dir, `cell-${i}`);
    await run('pdftoppm', [
      '-r',
      '300',
      '-png',
      '-singlefile',
      '-f',
      String(page),
      '-l',
      String(page),
      '-x',
      String(Math.floor(cell.x * scale)),
      '-y',
      String(Math.floor(cell.y * scale)),
      '-W',
      String(Math.ceil(cell.width * scale)),
      '-H',
      String(Math.ceil(cell.height * scale)),
      pdf,
      prefix,
    ]);
    out.push(...(await zbar(`${prefix}.png`)));
  }
  return out;
}

/** `pdftotext -layout` of the whole file. */
export async function pdfLayoutText(pdf: string): Promise<string> {
  return (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
}

/** `pdfinfo` output: the document information dictionary and page count. */
export async function pdfInfo(pdf: string): Promise<string> {
  return (await run('pdfinfo', [pdf])).stdout;
}

/** Sorted copy, for comparing multisets. */
export function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}
