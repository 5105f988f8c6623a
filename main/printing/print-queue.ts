import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../../core/app-error';
import { DEFAULT_CUPS_COMMANDS, listCupsPrinters, printFileWithLp, type CupsCommands } from './cups-lp';
import type { PrinterInfo, PrintJob, PrintRequest } from './print-types';
import { listWindowsPrinters, printFileWithPrintTo, PRINTTO_FILE_GRACE_MS } from './windows-spooler';

export type { PrintErrorCode, PrinterInfo, PrintJob, PrintRequest } from './print-types';

/** Sends PDFs to the operating system's print queue. */
export interface PrintQueue {
  /** Printers the operating system offers, with the default marked. */
  listPrinters(): Promise<PrinterInfo[]>;
  /** Queues a PDF on a named printer; resolves once the spooler accepted it (not when paper came out). */
  printPdf(pdf: Uint8Array, request: PrintRequest): Promise<PrintJob>;
  /**
   * Queues a PDF file already on disk (a voucher sheet streamed there: too big to hold in memory); resolves once the
   * spooler has taken it, after which the caller may delete the file.
   */
  printFile(path: string, request: PrintRequest): Promise<PrintJob>;
}

/** Which print system to use: CUPS on Linux and macOS, the spooler on Windows. */
export interface PrintQueueOptions {
  readonly platform?: NodeJS.Platform;
  /** CUPS program paths (tests point them at a missing file to check the error). */
  readonly cups?: CupsCommands;
}

function checkRequest(request: PrintRequest): void {
  const copies = request.copies ?? 1;
  if (!Number.isInteger(copies) || copies < 1 || copies > 99) {
    throw new AppError('print_failed', `Copies must be a whole number from 1 to 99, not ${copies}.`);
  }
}

/** Writes the PDF to a fresh private temp folder and runs `submit` on it. */
async function withTempPdf<T>(
  pdf: Uint8Array,
  submit: (file: string) => Promise<T>,
  removeAfterMs: number,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'refill-print-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf, { mode: 0o600 });
    return await submit(file);
  } finally {
    if (removeAfterMs <= 0) await remove();
    else setTimeout(() => void remove(), removeAfterMs).unref();
  }
}

/** Builds the print queue for this (or the given) platform. */
export function createPrintQueue(options: PrintQueueOptions = {}): PrintQueue {
  const platform = options.platform ?? process.platform;
  if (platform === 'win32') {
    return {
      listPrinters: listWindowsPrinters,
      printPdf: async (pdf, request) => {
        checkRequest(request);
        return withTempPdf(pdf, (file) => printFileWithPrintTo(file, request), PRINTTO_FILE_GRACE_MS);
      },
      printFile: async (path, request) => {
        checkRequest(request);
        const job = await printFileWithPrintTo(path, request);
        // The viewer PrintTo starts reads the file after the call returns: give it the same grace as a temp PDF.
        await new Promise((resolve) => setTimeout(resolve, PRINTTO_FILE_GRACE_MS));
        return job;
      },
    };
  }
  const cups = options.cups ?? DEFAULT_CUPS_COMMANDS;
  return {
    listPrinters: () => listCupsPrinters(cups),
    // lp copies the file to the scheduler before it exits, so the temp file can go at once.
    printPdf: async (pdf, request) => {
      checkRequest(request);
      return withTempPdf(pdf, (file) => printFileWithLp(file, request, cups), 0);
    },
    printFile: async (path, request) => {
      checkRequest(request);
      return printFileWithLp(path, request, cups);
    },
  };
}

const defaultQueue = createPrintQueue();

/** Printers the operating system offers, with the default marked. */
export function listPrinters(): Promise<PrinterInfo[]> {
  return defaultQueue.listPrinters();
}

/** Queues a PDF on a named printer through the operating system's print queue. */
export function printPdf(pdf: Uint8Array, request: PrintRequest): Promise<PrintJob> {
  return defaultQueue.printPdf(pdf, request);
}

/** Saves a PDF to `path` atomically (a temp file beside it, then a rename), so no half-written file is left. */
export async function savePdf(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${process.pid}-${Date.now()}.pdf.part`);
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('save_failed', `Could not save the PDF: ${message}`, { path });
  }
}
