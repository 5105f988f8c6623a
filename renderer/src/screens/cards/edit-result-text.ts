import type { EditCardsResult } from '../../../../core/contract/types/cards';
import type { Localization } from '../../../../core/i18n/catalog';
import { currentL10n } from '../../i18n/locale-store';

/** The kinds of skipped cards, in the order the result names them. */
const SKIP_REASONS: readonly (keyof EditCardsResult['skipped'])[] = [
  'activated',
  'expired',
  'void',
  'sameOwner',
  'serialTaken',
  'otherCurrency',
];

/** "12 changed, 3 skipped: 2 activated, 1 expired" (reasons only when something was skipped). */
export function editResultText(
  r: EditCardsResult,
  { m, fmt }: Pick<Localization, 'm' | 'fmt'> = currentL10n(),
): string {
  const t = m.cards.edit;
  const reasons = SKIP_REASONS.filter((k) => r.skipped[k] > 0).map((k) =>
    t.skipped[k]({ count: fmt.count(r.skipped[k]) }),
  );
  const skipped = SKIP_REASONS.reduce((n, k) => n + r.skipped[k], 0);
  const counts = { changed: fmt.count(r.changed), skipped: fmt.count(skipped) };
  return reasons.length ? t.resultWithReasons({ ...counts, reasons: reasons.join(', ') }) : t.result(counts);
}
