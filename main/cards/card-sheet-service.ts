import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../core/app-error';
import type { SheetPrintJob } from '../../core/contract/types/cards';
import { uuidv7 } from '../../core/uuidv7';
import type { Clock } from '../ledger/ledger-types';
import type { PrintQueue } from '../printing/print-queue';
import type { SettingsStore } from '../settings/terminal-settings';
import type { SecretBox } from '../terminal/secret-box';
import { printLocalization } from '../printing/print-localization';
import { renderVoucherSheet } from '../vouchers/voucher-sheet-renderer';
import type {
  SheetBarcode,
  SheetOptions,
  SheetPaper,
  SheetPreset,
  VoucherCard,
} from '../vouchers/voucher-sheet-types';
import { formatSerial } from '../../core/cards/card-serial';
import { PassThrough } from 'node:stream';
import type { CardStore, LocalCardFilter, PrintRow } from './card-store';
import type { SheetSettingsStore } from './sheet-settings-store';

/** Which cards a sheet prints. */
export type SheetTarget =
  { kind: 'ids'; ids: readonly string[] } | { kind: 'filter'; filter: LocalCardFilter };

/** A sheet as the print dialog asks for it (validated by the contract). */
export interface SheetRequest {
  readonly target: SheetTarget;
  readonly layout: {
    readonly paper: SheetPaper;
    readonly preset: SheetPreset;
    readonly barcode: SheetBarcode;
    readonly cutMarks: boolean;
    readonly instructions?: string | undefined;
  };
  readonly destination: 'printer' | 'file';
  readonly reprintReason?: string | undefined;
}

/** What the sheet service needs. */
export interface CardSheetDeps {
  readonly store: CardStore;
  readonly box: SecretBox;
  readonly settings: SettingsStore;
  /** The sheets' logo and default redemption text. */
  readonly sheetSettings: SheetSettingsStore;
  /** The terminal's currency (the preview's sample amounts). */
  readonly currency: () => string;
  readonly printQueue: PrintQueue;
  /** A private folder (inside the data folder) for sheets while they render or wait to be downloaded. */
  readonly sheetDir: string;
  readonly clock: Clock;
  readonly onProgress: (job: SheetPrintJob) => void;
}

/** Bytes of PDF one `cards.sheetFile` call answers. */
const FILE_PIECE = 1024 * 1024;
/** Card rows read from SQLite at a time while the sheet renders. */
const ROWS_PER_READ = 500;

interface RunningSheet {
  job: SheetPrintJob;
  /** The cards it prints (so a second sheet of the same cards waits for this one's copy number). */
  readonly cardIds: ReadonlySet<string>;
  readonly abort: AbortController;
  readonly file: string;
  /** A sheet saved as a file is recorded once its last piece was downloaded (a discarded file printed nothing). */
  pendingRecord: (() => void) | null;
}

/**
 * Voucher sheets of cards whose PINs this terminal holds: checks what may print (new, unexpired, not void; a card
 * printed before makes the sheet a COPY with a reason), renders in the background to a private file (PINs unsealed
 * one card at a time, pages streamed, barcodes encoded in worker threads), then spools it to the printer or keeps it
 * for download, and records the print. A cancelled or failed sheet leaves no file and no record.
 */
export class CardSheetService {
  private readonly sheets = new Map<string, RunningSheet>();

  constructor(private readonly d: CardSheetDeps) {
    // Sheets left by a previous run (killed mid-render, never downloaded) hold PINs: they go at start.
    rmSync(d.sheetDir, { recursive: true, force: true });
  }

  /** A job's state. */
  job(jobId: string): SheetPrintJob {
    return this.running(jobId).job;
  }

  /** Checks the selection and starts rendering; answers the job at once. */
  start(request: SheetRequest, clerkId: string): SheetPrintJob {
    const { store } = this.d;
    const nowIso = new Date(this.d.clock()).toISOString();
    const ids: string[] = [];
    const skipped = { used: 0, expired: 0, void: 0, pinNotHeld: 0 };
    const validity = new Set<string>();
    let prints = 0;
    let first = '';
    let last = '';
    for (const row of store.printRows(request.target, nowIso)) {
      if (row.status === 'activated') skipped.used += 1;
      else if (row.status === 'expired') skipped.expired += 1;
      else if (row.status === 'void' || row.validity === 'void_rejected') skipped.void += 1;
      else if (!row.pin_sealed) skipped.pinNotHeld += 1;
      else {
        ids.push(row.id);
        validity.add(row.validity);
        prints = Math.max(prints, row.prints);
        if (!first) first = row.serial;
        last = row.serial;
      }
    }
    const overlapping = [...this.sheets.values()].filter((sh) => ids.some((id) => sh.cardIds.has(id)));
    // A finished sheet of these cards never downloaded printed nothing: this one replaces it (its file goes).
    for (const sh of overlapping) if (sh.job.state === 'done' && sh.pendingRecord) this.discard(sh.job.jobId);
    const busy = overlapping.find((sh) => sh.job.state === 'running');
    if (busy)
      throw new AppError(
        'sheet_in_progress',
        'Some of these cards are on a sheet still being printed; wait for it (a second print is a COPY).',
        { jobId: busy.job.jobId },
      );
    if (ids.length === 0)
      throw new AppError(
        'nothing_to_print',
        'None of these cards can be printed: only new, unexpired cards whose PIN this terminal holds print.',
        skipped,
      );
    if (validity.size > 1)
      throw new AppError(
        'mixed_validity',
        'Some of these cards are not yet valid (their offline series waits for the server): print them separately.',
      );
    const copyNumber = prints + 1;
    const reason = copyNumber > 1 && request.reprintReason ? maskDigits(request.reprintReason) : null;
    if (copyNumber > 1 && !reason)
      throw new AppError(
        'reprint_reason_required',
        'Some of these cards were printed before: a reprint is marked COPY and needs a reason.',
        { copyNumber },
      );
    const settings = this.d.settings.get();
    if (request.destination === 'printer' && !settings.printerName)
      throw new AppError('no_printer', 'No printer is configured. Choose one in Settings.');

    const jobId = uuidv7(this.d.clock());
    mkdirSync(this.d.sheetDir, { recursive: true, mode: 0o700 });
    const sheet: RunningSheet = {
      cardIds: new Set(ids),
      pendingRecord: null,
      abort: new AbortController(),
      file: join(this.d.sheetDir, `${jobId}.pdf`),
      job: {
        jobId,
        state: 'running',
        done: 0,
        total: ids.length,
        pages: 0,
        copyNumber,
        destination: request.destination,
        printer: null,
        fileName: null,
        bytes: null,
        skipped,
        error: null,
      },
    };
    this.sheets.set(jobId, sheet);
    this.d.onProgress(sheet.job);
    const notYetValid = validity.has('not_yet_valid');
    void this.render(sheet, request, ids, { copyNumber, reason, notYetValid, first, last, clerkId }).catch(
      (err: unknown) => {
        rmSync(sheet.file, { force: true });
        const cancelled = sheet.abort.signal.aborted;
        this.update(sheet, {
          state: cancelled ? 'cancelled' : 'failed',
          error: cancelled
            ? null
            : err instanceof AppError
              ? { code: err.code, message: err.message }
              : { code: 'print_failed', message: err instanceof Error ? err.message : String(err) },
        });
      },
    );
    return sheet.job;
  }

  /** Cancels a sheet still rendering. */
  cancel(jobId: string): SheetPrintJob {
    const sheet = this.running(jobId);
    if (sheet.job.state === 'running') sheet.abort.abort();
    return sheet.job;
  }

  /** A piece of a rendered sheet (destination file); the file goes once its last piece was read. */
  async piece(jobId: string, offset: number): Promise<{ base64: string; offset: number; done: boolean }> {
    const sheet = this.running(jobId);
    if (sheet.job.state !== 'done' || sheet.job.destination !== 'file')
      throw new AppError('not_found', 'This sheet has no file to download.');
    const handle = await open(sheet.file, 'r').catch(() => {
      throw new AppError('not_found', 'This sheet was already downloaded or removed.');
    });
    try {
      const buffer = Buffer.alloc(FILE_PIECE);
      const { bytesRead } = await handle.read(buffer, 0, FILE_PIECE, offset);
      const done = offset + bytesRead >= (sheet.job.bytes ?? 0);
      if (done && sheet.pendingRecord) {
        // The whole PDF left for the user's disk: from now on these cards count as printed.
        sheet.pendingRecord();
        sheet.pendingRecord = null;
      }
      return { base64: buffer.subarray(0, bytesRead).toString('base64'), offset, done };
    } finally {
      await handle.close();
      if (offset + FILE_PIECE >= (sheet.job.bytes ?? 0)) rmSync(sheet.file, { force: true });
    }
  }

  /** Removes a sheet's file. */
  discard(jobId: string): { removed: boolean } {
    const sheet = this.sheets.get(jobId.toLowerCase());
    if (!sheet) return { removed: false };
    if (sheet.job.state === 'running') sheet.abort.abort();
    sheet.pendingRecord = null;
    rmSync(sheet.file, { force: true });
    return { removed: true };
  }

  private running(jobId: string): RunningSheet {
    const sheet = this.sheets.get(jobId.toLowerCase());
    if (!sheet) throw new AppError('not_found', 'No such sheet.');
    return sheet;
  }

  private update(sheet: RunningSheet, patch: Partial<SheetPrintJob>): void {
    sheet.job = { ...sheet.job, ...patch };
    this.d.onProgress(sheet.job);
  }

  private async render(
    sheet: RunningSheet,
    request: SheetRequest,
    ids: readonly string[],
    m: {
      copyNumber: number;
      reason: string | null;
      notYetValid: boolean;
      first: string;
      last: string;
      clerkId: string;
    },
  ): Promise<void> {
    const settings = this.d.settings.get();
    const out = createWriteStream(sheet.file, { mode: 0o600 });
    // The renderer destroys the stream on cancel or failure while a write may still be in flight: without a
    // listener of our own its late error would end the process.
    out.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
    let result: Awaited<ReturnType<typeof renderVoucherSheet>>;
    try {
      result = await renderVoucherSheet(
        this.cards(ids, m.notYetValid),
        {
          ...this.options(request.layout),
          ...(m.reason ? { copy: { reason: 'reprint' } } : {}),
          ...(m.notYetValid ? { notYetValid: true } : {}),
        },
        out,
        {
          total: ids.length,
          signal: sheet.abort.signal,
          onProgress: (done) => this.update(sheet, { done }),
        },
      );
    } finally {
      if (!out.closed) out.destroy();
      await closed;
    }
    const bytes = statSync(sheet.file).size;
    let printer: string | null = null;
    if (request.destination === 'printer') {
      const job = await this.d.printQueue.printFile(sheet.file, {
        printer: settings.printerName!,
        title: `Vouchers ${m.first} to ${m.last}${m.copyNumber > 1 ? ` COPY ${m.copyNumber}` : ''}`,
      });
      printer = job.printer;
      rmSync(sheet.file, { force: true });
    }
    const record = (): void =>
      this.d.store.recordPrint({
        id: sheet.job.jobId,
        clerkId: m.clerkId,
        at: new Date(this.d.clock()).toISOString(),
        cardIds: ids,
        copyNumber: m.copyNumber,
        reason: m.reason,
        destination: request.destination,
        printer,
        firstSerial: m.first,
        lastSerial: m.last,
      });
    if (request.destination === 'printer') record();
    else sheet.pendingRecord = record;
    const stamp = m.first.replace(/[^0-9A-Za-z-]/g, '');
    this.update(sheet, {
      state: 'done',
      done: result.cards,
      pages: result.pages,
      bytes,
      printer,
      fileName:
        request.destination === 'file'
          ? `vouchers-${stamp}-${result.cards}${m.copyNumber > 1 ? `-copy${m.copyNumber}` : ''}.pdf`
          : null,
    });
  }

  /** The layout as the renderer takes it, with the shop name, the logo and the redemption text of Settings. */
  private options(layout: SheetRequest['layout']): SheetOptions {
    const settings = this.d.settings.get();
    const shopName = settings.shopName;
    const logo = this.d.sheetSettings.logo();
    const instructions = layout.instructions ?? this.d.sheetSettings.instructions();
    // The terminal's language and locale (Settings), the machine's time zone.
    const { fmt } = printLocalization(settings);
    return {
      paper: layout.paper,
      preset: layout.preset,
      barcode: layout.barcode,
      cutMarks: layout.cutMarks,
      ...(shopName ? { shopName } : {}),
      ...(logo ? { logo } : {}),
      ...(instructions ? { instructions } : {}),
      language: settings.language,
      locale: fmt.locale,
      timeZone: fmt.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
  }

  /** One page of made-up cards in a layout (the print dialog's preview): never a real serial or PIN. */
  async preview(layout: SheetRequest['layout']): Promise<Buffer> {
    const perPage = { 'card-10': 10, 'labels-21': 21, 'dense-50': 50 }[layout.preset];
    const expiresAt = new Date(this.d.clock() + 365 * 86_400_000).toISOString();
    const sample: VoucherCard[] = Array.from({ length: perPage }, (_, i) => ({
      serial: formatSerial('123', i + 1),
      pin: '123456789012',
      amount: 1_000,
      currency: this.d.currency(),
      expiresAt,
    }));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await renderVoucherSheet(sample, this.options(layout), out, { total: perPage, workers: 1 });
    return Buffer.concat(chunks);
  }

  /** The sheet's cards with their PINs unsealed, one read of rows at a time (PINs live only while rendered). */
  private async *cards(ids: readonly string[], notYetValid: boolean): AsyncGenerator<VoucherCard> {
    for (let i = 0; i < ids.length; i += ROWS_PER_READ) {
      // Read again as the sheet renders: a card redeemed, expired, deleted or voided meanwhile stops the sheet.
      const nowIso = new Date(this.d.clock()).toISOString();
      const chunk = ids.slice(i, i + ROWS_PER_READ);
      const rows: PrintRow[] = [...this.d.store.printRows({ kind: 'ids', ids: chunk }, nowIso)];
      const unchanged =
        rows.length === chunk.length &&
        rows.every(
          (r) =>
            r.status === 'new' &&
            r.pin_sealed !== null &&
            r.validity === (notYetValid ? 'not_yet_valid' : 'valid'),
        );
      if (!unchanged)
        throw new AppError(
          'sheet_cards_changed',
          'Some of these cards changed while the sheet was rendering (redeemed, expired or voided): print again.',
        );
      for (const r of rows) {
        yield {
          serial: r.serial,
          pin: this.d.box.decrypt(r.pin_sealed!),
          amount: r.amount,
          currency: r.currency,
          expiresAt: r.expires_at,
        };
      }
    }
  }
}

/** A reprint reason as stored: digits of PIN length (even grouped, as the card prints them) masked. */
export function maskDigits(text: string): string {
  return text.replace(/\d(?:[\s-]?\d){4,}/g, (run) => run.replace(/\d/g, '•'));
}
