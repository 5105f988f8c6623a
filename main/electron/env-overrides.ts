/**
 * Which `REFILL_*` environment variables the Electron shell honours. A packaged build honours none: anyone who can
 * set a till's environment (a shortcut, a launcher, a login script) could otherwise load native code under the
 * app's identity (`REFILL_SQLITE_BINDING`, bypassing the fuses), move its data folder (`REFILL_DATA_DIR`) or point
 * it at another central API (`REFILL_API_URL`). Development runs and tests (not packaged) keep them all.
 */

/** Every `REFILL_*` variable the Electron shell reads, and nothing else. */
export const ELECTRON_ENV_OVERRIDES = [
  'REFILL_DATA_DIR',
  'REFILL_API_URL',
  'REFILL_SQLITE_BINDING',
  'REFILL_SYNC_INTERVAL_MS',
  'REFILL_SYNC_MAX_BACKOFF_MS',
] as const;

/** One of the variables above. */
export type ElectronEnvOverride = (typeof ELECTRON_ENV_OVERRIDES)[number];

/** The overrides in force: the non-empty listed variables when not packaged, none when packaged. */
export type EnvOverrides = Readonly<Partial<Record<ElectronEnvOverride, string>>>;

/** Picks the overrides the shell may honour, given whether the app is packaged (`app.isPackaged`). */
export function envOverrides(input: {
  readonly isPackaged: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}): EnvOverrides {
  if (input.isPackaged) return {};
  const out: Partial<Record<ElectronEnvOverride, string>> = {};
  for (const name of ELECTRON_ENV_OVERRIDES) {
    const value = input.env[name];
    if (value !== undefined && value !== '') out[name] = value;
  }
  return out;
}
