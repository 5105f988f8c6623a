import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The virtual PDF printer the printing tests print to. */
export const TEST_PRINTER = process.env.REFILL_TEST_PRINTER ?? 'RefillTestPDF';

/** Starts cupsd if needed and creates the cups-pdf test printer (idempotent; installs nothing). */
export function setupCupsPdfPrinter(printer: string = TEST_PRINTER): void {
  execFileSync('bash', [join(import.meta.dirname, 'setup-cups-pdf.sh'), printer], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Folders cups-pdf may write to: its configured `Out` for this user, and the anonymous spool. */
export function cupsPdfOutputDirs(): string[] {
  const dirs = new Set<string>([join(homedir(), 'PDF'), '/var/spool/cups-pdf/ANONYMOUS']);
  const conf = '/etc/cups/cups-pdf.conf';
  if (existsSync(conf)) {
    for (const line of readFileSync(conf, 'utf8').split('\n')) {
      const out = /^\s*Out\s+(\S+)/.exec(line);
      if (out) dirs.add(out[1]!.replace('${HOME}', homedir()).replace('${USER}', process.env.USER ?? ''));
      const anon = /^\s*AnonDirName\s+(\S+)/.exec(line);
      if (anon) dirs.add(anon[1]!);
    }
  }
  return [...dirs];
}

/**
 * Polls the cups-pdf folders until a finished PDF whose name holds `marker` (and written after `since`, ms since the
 * epoch) appears. cups-pdf writes in place: a file counts once its size is stable and it ends like a PDF.
 */
export async function waitForPrintedPdf(
  marker: string,
  options: { since?: number; timeoutMs?: number } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const since = options.since ?? 0;
  const lastSize = new Map<string, number>();
  while (Date.now() < deadline) {
    for (const dir of cupsPdfOutputDirs()) {
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        if (!name.includes(marker) || !name.endsWith('.pdf')) continue;
        const file = join(dir, name);
        const { size, mtimeMs } = await stat(file);
        if (mtimeMs < since - 1_000) continue;
        if (
          size > 0 &&
          size === lastSize.get(file) &&
          (await readFile(file, 'latin1')).trimEnd().endsWith('%%EOF')
        )
          return file;
        lastSize.set(file, size);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no cups-pdf output containing "${marker}" in ${cupsPdfOutputDirs().join(', ')}`);
}
