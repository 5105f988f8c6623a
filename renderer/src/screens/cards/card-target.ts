import type { MethodInput } from '../../../../core/contract/methods';
import type { Localization } from '../../../../core/i18n/catalog';
import { currentL10n } from '../../i18n/locale-store';
import type { CardFilter } from './card-filter-form';

/** Which cards a mass edit or delete names (the contract's target). */
export type CardTarget = MethodInput<'cards.edit'>['target'];

/** The table's selection: some rows by id, or every card matching the filter. */
export interface CardSelection {
  readonly all: boolean;
  readonly ids: ReadonlySet<string>;
  /** The row a Shift+click range starts from. */
  readonly anchor: number | null;
}

/** Nothing selected. */
export const NO_SELECTION: CardSelection = { all: false, ids: new Set(), anchor: null };

/** The contract target of a selection, or null when nothing is selected. */
export function selectionTarget(sel: CardSelection, filter: CardFilter): CardTarget | null {
  if (sel.all) return { kind: 'filter', filter };
  if (sel.ids.size === 0) return null;
  return { kind: 'ids', ids: [...sel.ids] };
}

/** "3 selected cards" / "all 1,234 matching cards", in the window's language. */
export function targetText(
  target: CardTarget,
  total: number | null,
  { m, fmt }: Pick<Localization, 'm' | 'fmt'> = currentL10n(),
): string {
  const t = m.cards.target;
  if (target.kind === 'filter')
    return total === null ? t.allMatching : t.allMatchingCount({ count: fmt.count(total) });
  return fmt.counted(target.ids.length, t.selectedCards);
}
