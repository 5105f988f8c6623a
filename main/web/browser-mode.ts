import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppServices, type AppServices, type SyncOptions } from '../app/app-services';
import { createKeyFileSecretBox } from '../terminal/key-file-secret-box';
import { newSessionToken } from './session-token';
import { startWebHost, type WebHost } from './web-host';

/** What browser mode needs: where the terminal keeps its data, the central API, and where to listen. */
export interface BrowserModeOptions {
  readonly dataDir: string;
  readonly apiUrl?: string | undefined;
  readonly host: string;
  readonly port: number;
  /** Repository root, to find out/renderer and package.json. */
  readonly rootDir: string;
  /** Sync loop tuning (E2E tests shorten it). */
  readonly sync?: SyncOptions;
}

/** A running browser mode: the services and their HTTP host. */
export interface BrowserMode {
  readonly host: WebHost;
  readonly services: AppServices;
  close(): Promise<void>;
}

/** Runs the main-process services under Node and serves the built renderer plus the contract on HTTP. */
export async function startBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const rendererDir = resolve(options.rootDir, 'out/renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}). Run "npm run build" first.`);
  }
  const pkg = JSON.parse(readFileSync(join(options.rootDir, 'package.json'), 'utf8')) as { version: string };
  const services = await createAppServices({
    dataDir: options.dataDir,
    defaultApiUrl: options.apiUrl,
    secretBox: createKeyFileSecretBox(options.dataDir),
    ...(options.sync ? { sync: options.sync } : {}),
    runtime: {
      host: 'browser',
      appName: 'Refill Desk',
      appVersion: pkg.version,
      electronVersion: null,
      chromeVersion: null,
    },
  });
  try {
    const host = await startWebHost({
      services,
      rendererDir,
      token: newSessionToken(),
      host: options.host,
      port: options.port,
    });
    return {
      host,
      services,
      close: async () => {
        await host.close();
        await services.close();
      },
    };
  } catch (err) {
    await services.close();
    throw err;
  }
}
