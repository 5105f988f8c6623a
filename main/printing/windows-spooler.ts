import { execFile } from 'node:child_process';
import { AppError } from '../../core/app-error';
import type { PrinterInfo, PrintJob, PrintRequest } from './print-types';

/*
 * Windows spooler path. UNTESTED HERE (developed and tested on Linux with CUPS only).
 *
 * Windows has no built-in command that prints a PDF. We ask the shell to run the "PrintTo" verb of whatever
 * application is registered for .pdf (Adobe Reader, Foxit, Edge on some builds); that application renders the file
 * and submits it to the spooler. Consequences: it needs such an application, no job id comes back, and the
 * file must stay on disk until the application has read it (we remove it later, see PRINTTO_FILE_GRACE_MS).
 * A dependable alternative is bundling a PDF printer (e.g. SumatraPDF with -print-to) or rasterising in-process
 * and writing to the printer with the Win32 GDI API; neither is available in this project yet.
 *
 * The printer name and file path reach PowerShell through environment variables, never through the command text,
 * so no quoting or injection issue arises.
 */

/** How long the PDF stays on disk after PrintTo was started, so the handling application can read it. */
export const PRINTTO_FILE_GRACE_MS = 120_000;

const POWERSHELL = 'powershell.exe';
const EXIT_PRINTER_NOT_FOUND = 3;

const PRINT_SCRIPT = `
$ErrorActionPreference = 'Stop'
$p = Get-CimInstance -ClassName Win32_Printer | Where-Object { $_.Name -eq $env:REFILL_PRINTER }
if (-not $p) { exit ${EXIT_PRINTER_NOT_FOUND} }
$copies = [int]$env:REFILL_COPIES
for ($i = 0; $i -lt $copies; $i++) {
  Start-Process -FilePath $env:REFILL_PRINT_FILE -Verb PrintTo -ArgumentList ('"' + $env:REFILL_PRINTER + '"') -WindowStyle Hidden
}
`;

const LIST_SCRIPT = `
$ErrorActionPreference = 'Stop'
@(Get-CimInstance -ClassName Win32_Printer | Select-Object Name, Default) | ConvertTo-Json -Compress
`;

function powershell(script: string, env: Readonly<Record<string, string>>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      POWERSHELL,
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script],
      { env: { ...process.env, ...env }, timeout: 60_000, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as { code?: unknown }).code;
        if (code === 'ENOENT') {
          return reject(
            new AppError('print_system_missing', 'PowerShell was not found; cannot reach the spooler.'),
          );
        }
        if (code === EXIT_PRINTER_NOT_FOUND) {
          return reject(new AppError('printer_not_found', 'The printer is not known to Windows.'));
        }
        reject(new AppError('print_failed', `Printing failed: ${stderr.trim() || error.message}`));
      },
    );
  });
}

/** Lists Windows printers (Win32_Printer) and the default one. Untested here. */
export async function listWindowsPrinters(): Promise<PrinterInfo[]> {
  const out = (await powershell(LIST_SCRIPT, {})).trim();
  if (out.length === 0) return [];
  const parsed = JSON.parse(out) as unknown;
  const rows = (Array.isArray(parsed) ? parsed : [parsed]) as { Name?: unknown; Default?: unknown }[];
  return rows
    .filter((r) => typeof r.Name === 'string')
    .map((r) => ({ name: r.Name as string, isDefault: r.Default === true }));
}

/** Hands a PDF file on disk to the spooler through the registered PDF application's PrintTo verb. Untested here. */
export async function printFileWithPrintTo(file: string, request: PrintRequest): Promise<PrintJob> {
  await powershell(PRINT_SCRIPT, {
    REFILL_PRINTER: request.printer,
    REFILL_PRINT_FILE: file,
    REFILL_COPIES: String(request.copies ?? 1),
  });
  return { printer: request.printer, jobId: null };
}
