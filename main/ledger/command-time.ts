import { AppError } from '../../core/app-error';
import { isoTimeSchema } from '../../core/sync/protocol';

/**
 * The time a queued command is dated, from this terminal's clock. Refused with clock_wrong (nothing written) when the
 * clock reads no date the protocol accepts (an invalid date, or outside the years 2000 to 2199): the server would
 * refuse such a command at sync, after the counter had already honoured it. `then` ends the message.
 */
export function commandTime(nowMs: number, then = 'then try again'): string {
  const at = new Date(nowMs);
  const iso = Number.isFinite(at.getTime()) ? at.toISOString() : '';
  checkCommandTime(iso, then);
  return iso;
}

/** Throws clock_wrong unless `iso` is a command time the protocol accepts (see commandTime). */
export function checkCommandTime(iso: string, then = 'then try again'): void {
  if (!isoTimeSchema.safeParse(iso).success)
    throw new AppError(
      'clock_wrong',
      `This terminal's clock reads ${iso || 'an invalid date'}; set the date and time, ${then}.`,
    );
}
