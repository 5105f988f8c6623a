import type { LocaleFormat } from '../../../../core/i18n/locale-format';
import { currentL10n } from '../../i18n/locale-store';

/** The UTC ISO instant of the last second of a local `YYYY-MM-DD` day: a card "expires on" that day at its end. */
export function localDayLastSecond(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const noon = new Date(y, mo - 1, da, 12, 0, 0);
  // A day that does not exist (30 February, month 13) would roll over into another: refuse it.
  if (Number.isNaN(noon.getTime()) || noon.getMonth() !== mo - 1 || noon.getDate() !== da) return null;
  // One second before the next day starts: right even where the day's last hour repeats or midnight is skipped.
  return new Date(new Date(y, mo - 1, da + 1, 0, 0, 0).getTime() - 1000).toISOString();
}

/** A local `YYYY-MM-DD` some days from today (date inputs' defaults). */
export function localDayFromToday(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A compact local date ("30 Nov 2026") and time ("14:05") for two-line table cells, in the window's locale. */
export function localDateAndTime(
  iso: string,
  fmt: LocaleFormat = currentL10n().fmt,
): { readonly date: string; readonly time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: iso, time: '' };
  return { date: fmt.date(d), time: fmt.shortTime(d) };
}
