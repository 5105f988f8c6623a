import { currentL10n } from '../i18n/locale-store';

/** Money for display in the window's locale: "USD 1,234.50" / "1 234,50 USD"; an em dash when unknown. */
export function moneyText(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined || !currency) return '—';
  return currentL10n().fmt.money(amount, currency);
}
