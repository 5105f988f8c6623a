import { join } from 'node:path';
import { createAboutHandlers, type RuntimeInfo } from '../about/about-handlers';
import { createDispatcher, type Dispatch } from '../contract/dispatcher';
import { createEventBus, type EventBus } from '../contract/event-bus';
import type { Handlers } from '../contract/handlers';
import { openLocalDatabase } from '../db/open-database';
import type { AppStatus } from '../../core/contract/types/status';

/** What a host needs to start the main-process services. */
export interface AppServicesOptions {
  /** The terminal's data folder (SQLite ledger, keys). */
  readonly dataDir: string;
  readonly runtime: RuntimeInfo;
  /** The central API to enroll with by default (the launcher's local one), if any. */
  readonly defaultApiUrl?: string | undefined;
}

/** The running services: one dispatch function and one event bus, shared by whichever host serves them. */
export interface AppServices {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  close(): Promise<void>;
}

/** Opens the data folder and builds every service from explicit dependencies. */
export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const local = openLocalDatabase(join(options.dataDir, 'ledger.sqlite'));
  const events = createEventBus();
  const status = (): AppStatus => ({
    online: false,
    pendingCount: 0,
    lastSyncAt: null,
    lastError: null,
    syncing: false,
    terminalName: null,
    clerkName: null,
  });
  const handlers: Handlers = {
    ...createAboutHandlers(options.runtime, local, options.dataDir),
    'app.status': status,
  };
  return {
    dispatch: createDispatcher(handlers),
    events,
    close: async () => {
      local.close();
    },
  };
}
