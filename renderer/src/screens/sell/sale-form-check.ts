import { readAccount } from '../../../../core/sales/account-entry';
import { numberSeparators, parseAmount, type AmountProblem } from '../../../../core/money/parse-amount';
import { offlineLimitBreached, type OfflineHeadroom } from '../../../../core/offline/floor-limit';
import type { Localization } from '../../../../core/i18n/catalog';
import { currentL10n } from '../../i18n/locale-store';

/** The largest quantity one sale takes (the protocol's limit). */
export const MAX_QUANTITY = 100;

/** Which field a problem belongs to (`limit`: the offline limits): shown beside it, focused on Confirm. */
export type SaleField = 'account' | 'package' | 'quantity' | 'tendered' | 'limit';

/** One reason the sale cannot be confirmed yet. */
export interface SaleProblem {
  readonly field: SaleField;
  readonly message: string;
}

/** What the Sell form holds. */
export interface SaleFormInput {
  readonly account: string;
  /** Retail price of the chosen package (minor units), or null when none is chosen. */
  readonly unitPrice: number | null;
  readonly quantity: number;
  readonly tendered: string;
  readonly currency: string;
  /** The terminal's locale (decides the decimal separator); undefined for the runtime's default. */
  readonly locale: string | undefined;
  /** What is left of the offline limits when the terminal is offline, else null (online sales are not limited). */
  readonly offline: OfflineHeadroom | null;
}

/** The form read: the normalised account, the total and cash in minor units, and every problem in field order. */
export interface SaleFormCheck {
  readonly account: string | null;
  readonly total: number | null;
  readonly tendered: number | null;
  readonly change: number | null;
  /** In the order a clerk fills the form: account, package, quantity, cash, then the offline limits. */
  readonly problems: readonly SaleProblem[];
}

function amountMessage(
  problem: AmountProblem,
  currency: string,
  locale: string | undefined,
  t: Localization['m']['sell']['check'],
): string {
  const { decimal } = numberSeparators(locale);
  const example = `10${decimal}50`;
  switch (problem) {
    case 'ambiguous':
      return t.tenderAmbiguous({ example, decimal });
    case 'too_many_decimals':
      return t.tenderDecimals({ currency });
    case 'too_large':
      return t.tenderTooLarge;
    case 'invalid':
      return t.tenderInvalid({ example });
  }
}

/**
 * Checks the Sell form as the clerk fills it, in the order the form reads (the account first, so Enter on an empty
 * form asks for the account before the package), and before Confirm the offline limits, per sale and in total.
 * The messages are in the window's language (`l10n`), money in its locale.
 */
export function checkSaleForm(f: SaleFormInput, l10n: Localization = currentL10n()): SaleFormCheck {
  const t = l10n.m.sell.check;
  const problems: SaleProblem[] = [];
  const account = readAccount(f.account);
  if (!account.ok) {
    problems.push({
      field: 'account',
      message: account.problem === 'empty' ? t.accountEmpty : t.accountFormat,
    });
  }
  if (f.unitPrice === null) problems.push({ field: 'package', message: t.choosePackage });
  const quantityOk = Number.isInteger(f.quantity) && f.quantity >= 1 && f.quantity <= MAX_QUANTITY;
  if (!quantityOk) {
    problems.push({ field: 'quantity', message: t.quantityRange({ max: l10n.fmt.count(MAX_QUANTITY) }) });
  }
  const total = f.unitPrice !== null && quantityOk ? f.unitPrice * f.quantity : null;
  let tendered: number | null = null;
  if (f.tendered.trim() !== '') {
    const parsed = parseAmount(f.tendered, f.currency, f.locale);
    if (parsed.ok) tendered = parsed.amount;
    else
      problems.push({ field: 'tendered', message: amountMessage(parsed.problem, f.currency, f.locale, t) });
  }
  const change = total !== null && tendered !== null ? tendered - total : null;
  if (change !== null && change < 0) {
    problems.push({ field: 'tendered', message: t.tenderShort });
  }
  if (total !== null && f.offline) {
    const money = (amount: number): string => l10n.fmt.money(amount, f.currency);
    const breached = offlineLimitBreached(total, f.offline);
    if (breached === 'offline_per_sale_limit') {
      problems.push({ field: 'limit', message: t.limitPerSale({ amount: money(f.offline.perSaleMax) }) });
    } else if (breached === 'offline_total_limit') {
      problems.push({ field: 'limit', message: t.limitTotal({ amount: money(f.offline.totalLeft) }) });
    }
  }
  return { account: account.ok ? account.account : null, total, tendered, change, problems };
}
