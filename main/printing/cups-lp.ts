import { execFile } from 'node:child_process';
import { AppError } from '../../core/app-error';
import type { PrinterInfo, PrintJob, PrintRequest } from './print-types';

/** Paths of the CUPS client programs (found on PATH by default; tests point them elsewhere). */
export interface CupsCommands {
  readonly lp: string;
  readonly lpstat: string;
  /** Kill a command that hangs (an unreachable server) after this long; default 30 s. */
  readonly timeoutMs?: number;
}

/** The CUPS programs as found on PATH (Linux and macOS). */
export const DEFAULT_CUPS_COMMANDS: CupsCommands = { lp: 'lp', lpstat: 'lpstat' };

interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell, in the C locale so its messages can be parsed. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: timeoutMs, windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        reject(toAppError(command, error as NodeJS.ErrnoException, stderr));
      },
    );
  });
}

function toAppError(command: string, error: NodeJS.ErrnoException, stderr: string): AppError {
  if (error.code === 'ENOENT') {
    return new AppError(
      'print_system_missing',
      `The print command "${command}" was not found. Install CUPS (Linux: the "cups" and "cups-client" packages).`,
    );
  }
  const message = stderr.trim() || error.message;
  return classifyCupsMessage(message) ?? new AppError('print_failed', `Printing failed: ${message}`);
}

/** Maps a CUPS client error message to the matching error, or null when it says nothing specific. */
export function classifyCupsMessage(message: string): AppError | null {
  if (/does not exist|unknown (printer|destination)|not a printer|no such destination/i.test(message)) {
    return new AppError('printer_not_found', 'The printer is not known to the print system.', { message });
  }
  if (/unable to connect to server|scheduler is not running|connection refused/i.test(message)) {
    return new AppError('print_service_unavailable', 'The print service (CUPS) is not running.', { message });
  }
  return null;
}

/** The job id in lp's answer ("request id is RefillTestPDF-12 (1 file(s))"), or null. */
export function parseLpJobId(stdout: string): string | null {
  const m = /request id is (\S+)/.exec(stdout);
  return m ? m[1]! : null;
}

/** Printer names from `lpstat -e` (one per line). */
export function parseLpstatNames(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The default destination from `lpstat -d` ("system default destination: X"), or null when there is none. */
export function parseLpstatDefault(stdout: string): string | null {
  const m = /system default destination:\s*(\S+)/.exec(stdout);
  return m ? m[1]! : null;
}

/** Checks a printer name can be passed to lp as a destination (CUPS forbids spaces, "/" and "#"). */
export function assertPrinterName(name: string): void {
  const bad = [...name].some((c) => c <= ' ' || c === '\u007f' || c === '/' || c === '#' || c === '\\');
  if (name.length === 0 || name.length > 127 || name.startsWith('-') || bad) {
    throw new AppError('printer_not_found', `Not a valid printer name: ${JSON.stringify(name)}.`);
  }
}

async function schedulerDown(commands: CupsCommands, timeout: number): Promise<boolean> {
  try {
    return /not running/i.test((await run(commands.lpstat, ['-r'], timeout)).stdout);
  } catch {
    return false;
  }
}

/** Lists the CUPS destinations and which one is the default. */
export async function listCupsPrinters(
  commands: CupsCommands = DEFAULT_CUPS_COMMANDS,
): Promise<PrinterInfo[]> {
  const timeout = commands.timeoutMs ?? 30_000;
  const status = await run(commands.lpstat, ['-r'], timeout);
  if (/not running/i.test(status.stdout)) {
    throw new AppError('print_service_unavailable', 'The print service (CUPS) is not running.');
  }
  const names = parseLpstatNames((await run(commands.lpstat, ['-e'], timeout)).stdout);
  let defaultName: string | null = null;
  try {
    defaultName = parseLpstatDefault((await run(commands.lpstat, ['-d'], timeout)).stdout);
  } catch {
    // Some CUPS versions exit non-zero when there is no default; that just means none.
  }
  return names.map((name) => ({ name, isDefault: name === defaultName }));
}

/** Submits a PDF file already on disk to a CUPS queue with `lp` (no shell). */
export async function printFileWithLp(
  file: string,
  request: PrintRequest,
  commands: CupsCommands = DEFAULT_CUPS_COMMANDS,
): Promise<PrintJob> {
  assertPrinterName(request.printer);
  const args = ['-d', request.printer, '-t', request.title];
  if (request.copies !== undefined) args.push('-n', String(request.copies));
  // The file is an absolute temp path, so it can never be read as an option (older lp builds reject "--").
  args.push(file);
  const timeout = commands.timeoutMs ?? 30_000;
  try {
    const { stdout } = await run(commands.lp, args, timeout);
    return { printer: request.printer, jobId: parseLpJobId(stdout) };
  } catch (error) {
    // With the scheduler down, lp claims every printer "does not exist": tell the clerk the real cause.
    if (
      error instanceof AppError &&
      error.code === 'printer_not_found' &&
      (await schedulerDown(commands, timeout))
    ) {
      throw new AppError('print_service_unavailable', 'The print service (CUPS) is not running.');
    }
    throw error;
  }
}
