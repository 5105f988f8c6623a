import type { Database } from 'better-sqlite3';
import type { PaperWidth, TerminalSettings } from '../../core/contract/types/settings';
import { isLanguage, isLocaleTag, type Language } from '../../core/i18n/languages';
import { DEFAULT_SETTINGS } from '../../core/settings/terminal-settings';

/** Keys of the settings in `app_settings` (values are JSON). The first two predate this module: keep them. */
export const SETTING_KEYS = {
  /** Inactivity before the clerk session locks, minutes (default 5; 0 = never). */
  autoLockMinutes: 'session.autoLockMinutes',
  /** How long an online sale waits for the server's answer, ms (default 3000). */
  onlineWaitMs: 'sales.onlineWaitMs',
  shopName: 'receipt.shopName',
  shopAddress: 'receipt.shopAddress',
  receiptFooter: 'receipt.footer',
  printerName: 'printing.printerName',
  paperWidth: 'printing.paperWidth',
  autoPrint: 'printing.autoPrint',
  language: 'ui.language',
  locale: 'ui.locale',
} as const satisfies Record<keyof TerminalSettings, string>;

/** Reads a numeric setting, falling back to `fallback` when absent or not a finite number. */
export function readNumberSetting(db: Database, key: string, fallback: number): number {
  const n = readSetting(db, key);
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}

/** A setting's JSON value, or undefined when absent or unreadable. */
export function readSetting(db: Database, key: string): unknown {
  const row = db.prepare('SELECT value FROM app_settings WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes a setting's JSON value (null removes it). */
export function writeSetting(db: Database, key: string, value: unknown, now: string): void {
  if (value === null) {
    db.prepare('DELETE FROM app_settings WHERE key = ?').run(key);
    return;
  }
  db.prepare(
    `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), now);
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const paper = (v: unknown): PaperWidth => (v === '58mm' || v === '80mm' ? v : DEFAULT_SETTINGS.paperWidth);

const language = (v: unknown): Language => (isLanguage(v) ? v : DEFAULT_SETTINGS.language);
const locale = (v: unknown): string | null => (typeof v === 'string' && isLocaleTag(v) ? v : null);

/** The terminal's settings over `app_settings`: read with defaults, written as validated by the contract. */
export class SettingsStore {
  private readonly all;
  private readonly upsert;

  constructor(private readonly db: Database) {
    this.all = db.prepare('SELECT key, value FROM app_settings');
    this.upsert = db.prepare(
      `INSERT INTO app_settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
  }

  /** Every setting, defaults filled in for what is absent or unreadable. */
  get(): TerminalSettings {
    const raw = new Map<string, unknown>();
    for (const r of this.all.all() as { key: string; value: string }[]) {
      try {
        raw.set(r.key, JSON.parse(r.value) as unknown);
      } catch {
        // an unreadable value falls back to its default
      }
    }
    const num = (key: string, fallback: number): number => {
      const v = raw.get(key);
      return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
    };
    const d = DEFAULT_SETTINGS;
    return {
      shopName: text(raw.get(SETTING_KEYS.shopName)),
      shopAddress: text(raw.get(SETTING_KEYS.shopAddress)),
      receiptFooter: text(raw.get(SETTING_KEYS.receiptFooter)),
      printerName: text(raw.get(SETTING_KEYS.printerName)),
      paperWidth: paper(raw.get(SETTING_KEYS.paperWidth)),
      autoPrint: raw.get(SETTING_KEYS.autoPrint) === true,
      onlineWaitMs: num(SETTING_KEYS.onlineWaitMs, d.onlineWaitMs),
      autoLockMinutes: num(SETTING_KEYS.autoLockMinutes, d.autoLockMinutes),
      language: language(raw.get(SETTING_KEYS.language)),
      locale: locale(raw.get(SETTING_KEYS.locale)),
    };
  }

  /** Writes the given settings in one transaction (input already validated) and answers all of them. */
  update(patch: Partial<TerminalSettings>, now: string): TerminalSettings {
    this.db
      .transaction(() => {
        for (const [name, value] of Object.entries(patch) as [keyof TerminalSettings, unknown][]) {
          if (value === undefined) continue;
          this.upsert.run(SETTING_KEYS[name], JSON.stringify(value), now);
        }
      })
      .immediate();
    return this.get();
  }
}
