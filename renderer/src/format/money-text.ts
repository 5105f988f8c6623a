import { formatMoney } from '../../../core/money/money';

/** Money for display: "USD 1,234.50"; an em dash when unknown. */
export function moneyText(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || !currency) return '—';
  return formatMoney({ amount, currency });
}
