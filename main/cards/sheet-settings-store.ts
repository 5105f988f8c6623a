import type { Database } from 'better-sqlite3';
import { AppError } from '../../core/app-error';
import type { SheetLogo } from '../vouchers/voucher-sheet-types';
import { readSetting, writeSetting } from '../settings/terminal-settings';
import { checkPngLogo } from '../vouchers/png-logo-check';
import { parseSimpleSvgLogo } from '../vouchers/svg-logo';

const LOGO_KEY = 'cards.sheetLogo';
const INSTRUCTIONS_KEY = 'cards.sheetInstructions';
/** Largest logo accepted, bytes. */
export const MAX_LOGO_BYTES = 256 * 1024;

/** What the Settings panel and the print dialog show. */
export interface SheetSettingsView {
  readonly logo: { readonly kind: 'png' | 'svg'; readonly dataUrl: string } | null;
  readonly instructions: string | null;
}

/** The voucher sheets' logo and default redemption text, in `app_settings`. */
export class SheetSettingsStore {
  constructor(private readonly db: Database) {}

  /** The logo as the renderer takes it, or null. */
  logo(): SheetLogo | null {
    const v = readSetting(this.db, LOGO_KEY) as { kind?: unknown; base64?: unknown } | null;
    if (!v || (v.kind !== 'png' && v.kind !== 'svg') || typeof v.base64 !== 'string') return null;
    return { kind: v.kind, data: Buffer.from(v.base64, 'base64') };
  }

  /** The default redemption text, or null. */
  instructions(): string | null {
    const v = readSetting(this.db, INSTRUCTIONS_KEY);
    return typeof v === 'string' && v.length > 0 ? v : null;
  }

  /** Both, for the screens. */
  view(): SheetSettingsView {
    const logo = this.logo();
    return {
      logo: logo
        ? {
            kind: logo.kind,
            dataUrl: `data:${logo.kind === 'png' ? 'image/png' : 'image/svg+xml'};base64,${Buffer.from(logo.data).toString('base64')}`,
          }
        : null,
      instructions: this.instructions(),
    };
  }

  /** Sets the logo (checked: a PNG, or an SVG the sheet can draw) and/or the text; undefined leaves one as it is. */
  update(
    patch: { logo?: { kind: 'png' | 'svg'; base64: string } | null; instructions?: string | null },
    now: string,
  ): SheetSettingsView {
    if (patch.logo) {
      const data = Buffer.from(patch.logo.base64, 'base64');
      if (data.length === 0 || data.length > MAX_LOGO_BYTES)
        throw new AppError('unsupported_logo', 'The logo must be a file of at most 256 KB.');
      if (patch.logo.kind === 'png') {
        try {
          checkPngLogo(data);
        } catch (err) {
          throw new AppError(
            'unsupported_logo',
            `This PNG cannot be printed: ${err instanceof Error ? err.message : String(err)}.`,
          );
        }
      }
      if (patch.logo.kind === 'svg') {
        try {
          parseSimpleSvgLogo(data);
        } catch (err) {
          throw new AppError(
            'unsupported_logo',
            `This SVG cannot be printed: ${err instanceof Error ? err.message : String(err)}. Use a PNG instead.`,
          );
        }
      }
    }
    this.db.transaction(() => {
      if (patch.logo !== undefined) writeSetting(this.db, LOGO_KEY, patch.logo, now);
      if (patch.instructions !== undefined) writeSetting(this.db, INSTRUCTIONS_KEY, patch.instructions, now);
    })();
    return this.view();
  }
}
