import { money } from '../../../core/money/money';
import type { ReceiptData } from '../../../main/printing/receipt-pdf';

/** A full account number that must never appear on paper. */
export const FULL_ACCOUNT = '447700901234';

/** A package name long enough to need wrapping on both roll widths. */
export const LONG_PACKAGE_NAME =
  'Unlimited data weekend bundle with 30 days validity, international roaming add-on and free night calls';

/** A two-line receipt in `currency` with amounts chosen per exponent (JPY 0, USD 2, KWD 3 decimals). */
export function sampleReceipt(currency = 'USD', overrides: Partial<ReceiptData> = {}): ReceiptData {
  // 1,250.5 major units of a 2-decimal currency, scaled per exponent: JPY 1,250 / USD 1,250.50 / KWD 1,250.505.
  const unit = currency === 'JPY' ? 1250 : currency === 'KWD' ? 1250505 : 125050;
  const small = currency === 'JPY' ? 500 : currency === 'KWD' ? 500250 : 50025;
  const total = unit * 2 + small;
  const tendered = currency === 'JPY' ? 5000 : currency === 'KWD' ? 5000000 : 500000;
  return {
    shopName: 'Corner Mobile Shop',
    shopAddress: '12 High Street, Springfield',
    terminalName: 'Counter 2',
    clerkName: 'Amira Haddad',
    time: new Date(2026, 0, 5, 14, 3, 22),
    saleNumber: 'T7K2-000123',
    lines: [
      {
        packageName: 'Prepaid top-up',
        quantity: 2,
        unitPrice: money(unit, currency),
        amount: money(unit * 2, currency),
        customerAccount: FULL_ACCOUNT,
      },
      {
        packageName: LONG_PACKAGE_NAME,
        quantity: 1,
        unitPrice: money(small, currency),
        amount: money(small, currency),
        customerAccount: '+44 7700 905678',
      },
    ],
    total: money(total, currency),
    tendered: money(tendered, currency),
    change: money(tendered - total, currency),
    status: 'confirmed',
    footer: 'Thank you! Keep this receipt for refunds.',
    ...overrides,
  };
}
