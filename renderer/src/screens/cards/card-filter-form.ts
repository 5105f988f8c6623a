import type { MethodInput } from '../../../../core/contract/methods';
import { parseAmount } from '../../../../core/money/parse-amount';
import { SERIES_PREFIX_PATTERN } from '../../../../core/cards/card-serial';
import type { Catalog } from '../../../../core/i18n/catalog';
import { localDayEnd, localDayStart } from '../../format/local-day';
import { currentL10n } from '../../i18n/locale-store';

/** The cards table's filter as the contract takes it (`cards.list`, `cards.exportCsv`, a filter target). */
export type CardFilter = NonNullable<MethodInput<'cards.list'>['filter']>;

/** The advanced search form as typed: every field text, empty means "any". */
export interface CardFilterForm {
  readonly status: '' | 'new' | 'activated' | 'expired' | 'void';
  readonly validity: '' | 'valid' | 'not_yet_valid' | 'void_rejected';
  readonly prefix: string;
  readonly serialFrom: string;
  readonly serialTo: string;
  readonly amount: string;
  readonly ownerId: string;
  readonly createdFrom: string;
  readonly createdTo: string;
  readonly expiresFrom: string;
  readonly expiresTo: string;
}

/** The empty search: every card. */
export const EMPTY_FILTER_FORM: CardFilterForm = {
  status: '',
  validity: '',
  prefix: '',
  serialFrom: '',
  serialTo: '',
  amount: '',
  ownerId: '',
  createdFrom: '',
  createdTo: '',
  expiresFrom: '',
  expiresTo: '',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The search form turned into the contract's filter, or the first problem with what was typed (in `m`'s words). */
export function toCardFilter(
  form: CardFilterForm,
  currency: string,
  m: Catalog = currentL10n().m,
  locale: string = currentL10n().fmt.locale,
): { readonly filter: CardFilter } | { readonly problem: string } {
  const t = m.cards.search;
  const f: Record<string, unknown> = {};
  if (form.status) f.status = form.status;
  if (form.validity) f.validity = form.validity;
  const prefix = form.prefix.trim();
  if (prefix) {
    if (!SERIES_PREFIX_PATTERN.test(prefix)) return { problem: t.badPrefix };
    f.prefix = prefix;
  }
  if (form.serialFrom.trim()) f.serialFrom = form.serialFrom.trim();
  if (form.serialTo.trim()) f.serialTo = form.serialTo.trim();
  if (form.amount.trim()) {
    // By the locale's decimal separator; grouping only in whole groups ("1,234.56" in en-US); "1,5" on a US till
    // could mean 1.5 or 15: refused.
    const parsed = parseAmount(form.amount, currency, locale);
    if (!parsed.ok || parsed.amount <= 0) return { problem: t.badAmount({ currency }) };
    f.amount = parsed.amount;
  }
  const owner = form.ownerId.trim();
  if (owner) {
    if (!UUID.test(owner)) return { problem: t.badOwner };
    f.ownerId = owner.toLowerCase();
  }
  const days: [keyof CardFilterForm, string, (d: string) => string | null][] = [
    ['createdFrom', 'createdFrom', localDayStart],
    ['createdTo', 'createdTo', localDayEnd],
    ['expiresFrom', 'expiresFrom', localDayStart],
    ['expiresTo', 'expiresTo', localDayEnd],
  ];
  for (const [key, out, convert] of days) {
    const v = form[key];
    if (!v) continue;
    const iso = convert(v);
    if (!iso) return { problem: t.badDate };
    f[out] = iso;
  }
  return { filter: f as CardFilter };
}

/** How many fields of the form narrow the search (for the "Search (3)" button). */
export function activeFilterCount(form: CardFilterForm): number {
  return Object.values(form).filter((v) => typeof v === 'string' && v.trim() !== '').length;
}

/** A stable key of a filter (the page cache is per filter). */
export function filterKey(filter: CardFilter): string {
  return JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)));
}
