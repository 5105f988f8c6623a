/** The screens a clerk can navigate to, in navigation order. Alt+<key> jumps to each. */
export const SCREENS = [
  { id: 'sell', label: 'Sell', key: '1' },
  { id: 'redeem', label: 'Redeem', key: '2' },
  { id: 'cards', label: 'Cards', key: '3' },
  { id: 'sales', label: 'Sales', key: '4' },
  { id: 'wallet', label: 'Wallet', key: '5' },
  { id: 'reports', label: 'Reports', key: '6' },
  { id: 'sync', label: 'Sync', key: '7' },
  { id: 'settings', label: 'Settings', key: '8' },
] as const;

/** A screen id. */
export type ScreenId = (typeof SCREENS)[number]['id'];
