import { z } from 'zod';
import { LANGUAGE_CODES, type Language } from '../../core/i18n/languages';

/** One prepaid top-up card to print: what the reseller hands to the customer. */
export interface VoucherCard {
  /** Card serial; the only value put in the barcode. */
  readonly serial: string;
  /** Secret PIN, 5 to 20 digits; printed grouped by 4, never put in a barcode or in PDF metadata. */
  readonly pin: string;
  /** Face value in integer minor units (cents for USD, yen for JPY). */
  readonly amount: number;
  /** ISO 4217 currency code, e.g. `USD`. */
  readonly currency: string;
  /** Expiry instant, ISO 8601 in UTC (`2027-11-30T23:59:59Z`); printed as a local date. */
  readonly expiresAt: string;
}

/** Paper sizes a sheet can be printed on. */
export type SheetPaper = 'A4' | 'Letter';

/**
 * Grid presets: `card-10` is ten 85x55 mm cards (2 columns x 5 rows), `labels-21` is 3x7 labels, `dense-50` is 5x10
 * small tickets that drop logo and instructions but keep amount, serial, PIN, expiry and barcode.
 */
export type SheetPreset = 'card-10' | 'labels-21' | 'dense-50';

/** Barcode symbology of a batch; the barcode always encodes the serial. */
export type SheetBarcode = 'code128' | 'qr';

/** A logo printed on every card that has room for it: a PNG, or a simple SVG made only of filled paths. */
export interface SheetLogo {
  readonly data: Buffer | Uint8Array;
  readonly kind: 'png' | 'svg';
}

/** How a batch of vouchers is laid out and marked. */
export interface SheetOptions {
  readonly paper: SheetPaper;
  readonly preset: SheetPreset;
  readonly barcode: SheetBarcode;
  /** Minimum page margin in mm around the grid and its cut marks (default: the grid is centred on the page). */
  readonly marginMm?: number;
  /** Bleed in mm: cards are spaced 2 x bleed apart and their colour band runs past the trim line (default 0). */
  readonly bleedMm?: number;
  /** Draw crop marks in the page margin at every trim line. */
  readonly cutMarks: boolean;
  readonly logo?: SheetLogo;
  readonly shopName?: string;
  /** Short redemption text (e.g. "Dial *123*PIN#"), editable per reseller; wrapped to at most three lines. */
  readonly instructions?: string;
  /** A reprint: every card is marked COPY; the reason goes into the PDF subject for the audit trail. */
  readonly copy?: { readonly reason: string };
  /** Cards of an offline batch the server has not yet accepted: every card says NOT YET VALID. */
  readonly notYetValid?: boolean;
  /** The language of the cards' labels and stamps (default English). */
  readonly language?: Language;
  /** BCP 47 locale for dates and amounts (default `en-US`). */
  readonly locale?: string;
  /** IANA time zone for the expiry date (default `UTC`). */
  readonly timeZone?: string;
}

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The eight bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** zod schema of {@link SheetOptions}; {@link parseSheetOptions} is the way to use it. */
export const sheetOptionsSchema = z
  .object({
    paper: z.enum(['A4', 'Letter']),
    preset: z.enum(['card-10', 'labels-21', 'dense-50']),
    barcode: z.enum(['code128', 'qr']),
    marginMm: z.number().finite().min(0).max(40).optional(),
    bleedMm: z.number().finite().min(0).max(3).optional(),
    cutMarks: z.boolean(),
    logo: z
      .object({
        data: z.custom<Buffer | Uint8Array>((v) => v instanceof Uint8Array && v.length > 0, {
          message: 'logo data must be a non-empty Buffer',
        }),
        kind: z.enum(['png', 'svg']),
      })
      .refine((logo) => logo.kind !== 'png' || Buffer.from(logo.data).subarray(0, 8).equals(PNG_SIGNATURE), {
        message: 'logo of kind png is not a PNG file',
      })
      .optional(),
    shopName: z.string().trim().min(1).max(60).optional(),
    instructions: z.string().trim().min(1).max(240).optional(),
    copy: z.object({ reason: z.string().trim().min(3, 'a reprint needs a reason').max(200) }).optional(),
    notYetValid: z.boolean().optional(),
    language: z.enum(LANGUAGE_CODES as [Language, ...Language[]]).optional(),
    locale: z.string().refine(isLocale, { message: 'not a BCP 47 locale' }).optional(),
    timeZone: z.string().refine(isTimeZone, { message: 'not an IANA time zone' }).optional(),
  })
  .strict();

/** Thrown for options or cards that cannot be printed; `code` is stable for the API and the UI. */
export class VoucherSheetError extends Error {
  constructor(
    readonly code: 'invalid_options' | 'invalid_card' | 'layout_does_not_fit' | 'unsupported_logo',
    message: string,
  ) {
    super(message);
    this.name = 'VoucherSheetError';
  }
}

/** Validates sheet options, throwing a {@link VoucherSheetError} that lists every problem with its path. */
export function parseSheetOptions(input: unknown): SheetOptions {
  const result = sheetOptionsSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new VoucherSheetError('invalid_options', `invalid sheet options: ${problems.join('; ')}`);
  }
  return result.data;
}
