import type { Language } from '../../i18n/languages';

/** Thermal roll widths receipts print on. */
export type PaperWidth = '58mm' | '80mm';

/** The terminal's local settings (`settings.get`, `settings.update`). */
export interface TerminalSettings {
  /** Printed at the top of receipts; null means the reseller's name. */
  readonly shopName: string | null;
  readonly shopAddress: string | null;
  /** Printed at the bottom of receipts (support line, thanks); wraps; null prints nothing. */
  readonly receiptFooter: string | null;
  /** The printer receipts go to, exactly as the operating system names it; null when none is chosen. */
  readonly printerName: string | null;
  readonly paperWidth: PaperWidth;
  /** Print the receipt as soon as a sale is confirmed or queued (the UI acts on it). */
  readonly autoPrint: boolean;
  /** How long an online sale waits for the server before the offline rules decide, ms (500..10 000). */
  readonly onlineWaitMs: number;
  /** Inactivity before the clerk session locks, minutes (0 = never, at most 120). */
  readonly autoLockMinutes: number;
  /** The language of the screens, receipts and reports. */
  readonly language: Language;
  /**
   * The BCP 47 locale money, numbers and dates are written in ("en-GB", "de-CH"); null follows the machine when it is
   * of the chosen language, else the language's usual locale.
   */
  readonly locale: string | null;
}
