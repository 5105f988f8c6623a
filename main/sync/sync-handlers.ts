import type { AppStatus } from '../../core/contract/types/status';
import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { LocalLedger } from '../ledger/local-ledger';
import type { SyncEngine } from './sync-engine';

/** Handlers for sync, the local balance view and the status bar. */
export function createSyncHandlers(
  engine: SyncEngine,
  ledger: LocalLedger,
  session: SessionManager,
  status: () => AppStatus,
): HandlerSlice<'sync.now' | 'sync.commands' | 'sync.requeue' | 'ledger.balance' | 'app.status'> {
  return {
    'sync.now': () => engine.syncNow(),
    'sync.commands': ({ filter, limit, before }) => {
      session.requireClerk();
      return ledger.listCommands(filter, limit, before);
    },
    'sync.requeue': ({ id }) => {
      session.requireClerk('manager');
      const requeued = ledger.requeue(id.toLowerCase());
      if (requeued) void engine.syncNow();
      return { requeued };
    },
    'ledger.balance': () => ledger.balanceView(),
    'app.status': () => status(),
  };
}
