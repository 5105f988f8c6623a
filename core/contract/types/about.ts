/** What the About screen shows. Every field is read at run time, none hard-coded. */
export interface AboutInfo {
  readonly appName: string;
  readonly appVersion: string;
  /** 'electron' or 'browser': which host serves the contract. */
  readonly host: 'electron' | 'browser';
  /** Electron's version, or null in browser mode. */
  readonly electronVersion: string | null;
  readonly chromeVersion: string | null;
  readonly nodeVersion: string;
  readonly sqliteVersion: string;
  /** The local database's applied schema version and the newest this build knows. */
  readonly schemaVersion: number;
  readonly latestSchemaVersion: number;
  readonly dataDir: string;
  readonly platform: string;
}
