import { DEFAULT_LANGUAGE } from '../i18n/languages';
import type { TerminalSettings } from '../contract/types/settings';

/** Bounds of the numeric settings (the contract validates updates against them). */
export const SETTINGS_LIMITS = {
  onlineWaitMs: { min: 500, max: 10_000 },
  autoLockMinutes: { min: 0, max: 120 },
  shopNameMax: 80,
  shopAddressMax: 200,
  receiptFooterMax: 300,
  printerNameMax: 127,
  localeMax: 35,
} as const;

/** What a fresh terminal uses until a manager changes it. */
export const DEFAULT_SETTINGS: TerminalSettings = {
  shopName: null,
  shopAddress: null,
  receiptFooter: null,
  printerName: null,
  paperWidth: '80mm',
  autoPrint: false,
  onlineWaitMs: 3_000,
  autoLockMinutes: 5,
  language: DEFAULT_LANGUAGE,
  locale: null,
};
