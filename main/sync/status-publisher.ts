import type { EventBus } from '../contract/event-bus';
import type { AppStatus } from '../../core/contract/types/status';
import { offlineAllowance } from '../../core/offline/floor-limit';
import type { LocalLedger } from '../ledger/local-ledger';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';

/** Where the status bar's facts come from. */
export interface StatusSources {
  readonly ledger: LocalLedger;
  readonly identity: TerminalIdentityStore;
  readonly syncing: () => boolean;
  readonly clerkName: () => string | null;
}

/** Computes the status bar's state from its sources. */
export function computeStatus(src: StatusSources): AppStatus {
  const terminal = src.identity.get();
  const sync = src.ledger.syncState();
  const view = src.ledger.balanceView();
  return {
    online: sync.lastContactOnline,
    pendingCount: view.pendingCount,
    lastSyncAt: sync.lastSyncAt,
    lastError: sync.lastError,
    syncing: src.syncing(),
    terminalName: terminal?.terminalName ?? null,
    clerkName: src.clerkName(),
    enrolled: terminal !== null,
    currency: terminal?.currency ?? null,
    availableBalance: view.serverBalance === null ? null : view.available,
    offlineAllowance: terminal ? offlineAllowance(terminal.floorLimits, view.pendingOfflineTotal) : null,
  };
}

/** Emits `app.status` on the bus whenever the computed state differs from the last one emitted. */
export function createStatusPublisher(
  src: StatusSources,
  bus: EventBus,
): { current(): AppStatus; publish(): void } {
  let last = '';
  return {
    current: () => computeStatus(src),
    publish() {
      const status = computeStatus(src);
      const key = JSON.stringify(status);
      if (key === last) return;
      last = key;
      bus.emit('app.status', status);
    },
  };
}
