/** Error codes printing and saving can fail with; the UI maps each to a sentence for the clerk. */
export type PrintErrorCode =
  /** The named printer is not known to the operating system. */
  | 'printer_not_found'
  /** No print system to talk to (lp/lpstat or PowerShell not installed). */
  | 'print_system_missing'
  /** The print system is installed but not running (CUPS scheduler down). */
  | 'print_service_unavailable'
  /** Anything else the print system refused; details carry its message. */
  | 'print_failed'
  /** Saving the PDF to a file failed (folder missing, no permission, disk full). */
  | 'save_failed';

/** A printer the operating system offers. */
export interface PrinterInfo {
  readonly name: string;
  readonly isDefault: boolean;
}

/** What to print and where. */
export interface PrintRequest {
  /** Printer (queue) name exactly as the operating system lists it. */
  readonly printer: string;
  /** Job title shown in the queue (and used by PDF printers as the file name). */
  readonly title: string;
  /** Number of copies, 1..99 (default 1). */
  readonly copies?: number;
}

/** A job the print system accepted. */
export interface PrintJob {
  readonly printer: string;
  /** The queue's job id (CUPS "RefillTestPDF-12"); null where the spooler does not tell (Windows). */
  readonly jobId: string | null;
}
