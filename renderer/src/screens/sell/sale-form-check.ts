import { readAccount } from '../../../../core/sales/account-entry';
import { numberSeparators, parseAmount, type AmountProblem } from '../../../../core/money/parse-amount';
import { offlineLimitBreached, type OfflineHeadroom } from '../../../../core/offline/floor-limit';
import { formatMoney } from '../../../../core/money/money';

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

function amountMessage(problem: AmountProblem, currency: string, locale: string | undefined): string {
  const { decimal } = numberSeparators(locale);
  const example = `10${decimal}50`;
  switch (problem) {
    case 'ambiguous':
      return `Cash tendered can be read two ways: write it like ${example} (“${decimal}” before the cents).`;
    case 'too_many_decimals':
      return `Cash tendered has more decimals than ${currency} has.`;
    case 'too_large':
      return 'Cash tendered is too large.';
    case 'invalid':
      return `Cash tendered is not an amount: write it like ${example}.`;
  }
}

/**
 * Checks the Sell form as the clerk fills it, in the order the form reads (the account first, so Enter on an empty
 * form asks for the account before the package), and before Confirm the offline limits, per sale and in total.
 */
export function checkSaleForm(f: SaleFormInput): SaleFormCheck {
  const problems: SaleProblem[] = [];
  const account = readAccount(f.account);
  if (!account.ok) problems.push({ field: 'account', message: account.message });
  if (f.unitPrice === null) problems.push({ field: 'package', message: 'Choose a package.' });
  const quantityOk = Number.isInteger(f.quantity) && f.quantity >= 1 && f.quantity <= MAX_QUANTITY;
  if (!quantityOk) problems.push({ field: 'quantity', message: `Quantity is 1 to ${MAX_QUANTITY}.` });
  const total = f.unitPrice !== null && quantityOk ? f.unitPrice * f.quantity : null;
  let tendered: number | null = null;
  if (f.tendered.trim() !== '') {
    const parsed = parseAmount(f.tendered, f.currency, f.locale);
    if (parsed.ok) tendered = parsed.amount;
    else problems.push({ field: 'tendered', message: amountMessage(parsed.problem, f.currency, f.locale) });
  }
  const change = total !== null && tendered !== null ? tendered - total : null;
  if (change !== null && change < 0) {
    problems.push({ field: 'tendered', message: 'Cash tendered is less than the total.' });
  }
  if (total !== null && f.offline) {
    const money = (amount: number): string => formatMoney({ amount, currency: f.currency });
    const breached = offlineLimitBreached(total, f.offline);
    if (breached === 'offline_per_sale_limit') {
      problems.push({
        field: 'limit',
        message: `Offline, one sale can be at most ${money(f.offline.perSaleMax)}.`,
      });
    } else if (breached === 'offline_total_limit') {
      problems.push({
        field: 'limit',
        message: `Offline, only ${money(f.offline.totalLeft)} more can be sold until the terminal syncs.`,
      });
    }
  }
  return { account: account.ok ? account.account : null, total, tendered, change, problems };
}
