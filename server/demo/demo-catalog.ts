import type { NewPackage } from '../catalog/package-service';

/** The demo reseller's name. */
export const DEMO_RESELLER_NAME = 'Demo Mobile Shop';
/** The demo affiliate's name. */
export const DEMO_AFFILIATE_NAME = 'Demo Mobile Shop - Airport Kiosk';
/** Credits the demo reseller starts with (USD 1,000.00). */
export const DEMO_CREDITS = 100_000;

/** The demo catalog (USD). */
export const DEMO_PACKAGES: readonly NewPackage[] = [
  {
    code: 'TOPUP5',
    name: 'Top-up 5',
    kind: 'topup',
    faceValue: 500,
    wholesalePrice: 475,
    retailPrice: 500,
    currency: 'USD',
    validityDays: null,
  },
  {
    code: 'TOPUP10',
    name: 'Top-up 10',
    kind: 'topup',
    faceValue: 1000,
    wholesalePrice: 950,
    retailPrice: 1000,
    currency: 'USD',
    validityDays: null,
  },
  {
    code: 'TOPUP20',
    name: 'Top-up 20',
    kind: 'topup',
    faceValue: 2000,
    wholesalePrice: 1900,
    retailPrice: 2000,
    currency: 'USD',
    validityDays: null,
  },
  {
    code: 'TOPUP50',
    name: 'Top-up 50',
    kind: 'topup',
    faceValue: 5000,
    wholesalePrice: 4750,
    retailPrice: 5000,
    currency: 'USD',
    validityDays: null,
  },
  {
    code: 'DATA1GB7D',
    name: 'Data 1 GB / 7 days',
    kind: 'bundle',
    faceValue: 500,
    wholesalePrice: 420,
    retailPrice: 500,
    currency: 'USD',
    validityDays: 7,
  },
  {
    code: 'DATA5GB30D',
    name: 'Data 5 GB / 30 days',
    kind: 'bundle',
    faceValue: 1500,
    wholesalePrice: 1275,
    retailPrice: 1500,
    currency: 'USD',
    validityDays: 30,
  },
];

/** The demo customers: account number and name. */
export const DEMO_CUSTOMERS: readonly { account: string; name: string }[] = [
  { account: '+15550100001', name: 'Alice Example' },
  { account: '+15550100002', name: 'Bob Example' },
  { account: '+15550100003', name: 'Carol Example' },
];

/** Floor limits of the demo terminal: USD 50 per offline sale, USD 200 stored, 24 hours. */
export const DEMO_FLOOR_LIMITS = { perSaleMax: 5000, totalOfflineMax: 20000, maxHoursSinceSync: 24 } as const;
