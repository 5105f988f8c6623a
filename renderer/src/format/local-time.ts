import { currentL10n } from '../i18n/locale-store';

/** Shows a stored UTC ISO time in the machine's time zone and the window's locale, e.g. "23 Nov 2026, 14:05:09". */
export function formatLocalTime(iso: string): string {
  return currentL10n().fmt.dateTime(iso);
}

/** A compact local time for the status bar: only the clock time when it is today, else date and time. */
export function formatShortLocalTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const { fmt } = currentL10n();
  return d.toDateString() === now.toDateString() ? fmt.time(d) : `${fmt.date(d)}, ${fmt.shortTime(d)}`;
}
