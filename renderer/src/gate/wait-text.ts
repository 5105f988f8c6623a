import type { Catalog } from '../../../core/i18n/catalog';
import type { LocaleFormat } from '../../../core/i18n/locale-format';

/** A sign-in lockout's wait as the window's language says it: "1 h 5 min", "2 min 30 s", "45 s" (at least 1 s). */
export function waitText(ms: number, t: Catalog['gate']['wait'], fmt: LocaleFormat): string {
  const totalSeconds = Math.max(1, Math.ceil(ms / 1000));
  const h = fmt.count(Math.floor(totalSeconds / 3600));
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const m = fmt.count(minutes);
  const s = fmt.count(seconds);
  if (totalSeconds >= 3600) return minutes > 0 ? t.hoursMinutes({ h, m }) : t.hours({ h });
  if (minutes > 0) return seconds > 0 ? t.minutesSeconds({ m, s }) : t.minutes({ m });
  return t.seconds({ s });
}
