import type { EventBus } from '../contract/event-bus';
import type { AppStatus } from '../../core/contract/types/status';
import { offlineAllowance } from '../../core/offline/floor-limit';
import { MAX_CLOCK_DRIFT_MS } from '../../core/offline/offline-window';
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
  const { terminal, block } = src.identity.state();
  const sync = src.ledger.syncState();
  const view = src.ledger.balanceView();
  return {
    online: sync.lastContactOnline,
    pendingCount: view.pendingCount,
    lastSyncAt: sync.lastSyncAt,
    lastError: sync.lastError,
    blocked: block,
    clockWarning: clockWarning(sync.clockOffsetMs),
    syncing: src.syncing(),
    terminalName: terminal?.terminalName ?? null,
    clerkName: src.clerkName(),
    enrolled: terminal !== null,
    currency: terminal?.currency ?? null,
    availableBalance: view.serverBalance === null ? null : view.available,
    offlineAllowance: terminal ? offlineAllowance(terminal.floorLimits, view.pendingOfflineTotal) : null,
  };
}

/** The status bar's words for a clock too far from the server's, or null when it is within the allowed drift. */
function clockWarning(offsetMs: number | null): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= MAX_CLOCK_DRIFT_MS) return null;
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return offsetMs < 0
    ? `This terminal's clock is ${minutes} min ahead of the server's: set the date and time; no sales until then.`
    : `This terminal's clock is ${minutes} min behind the server's: set the date and time; offline sales are stopped.`;
}

/**
 * Emits `app.status` on the bus whenever the computed state differs from the last one emitted. `publishSoon` does it
 * once the current work has answered (a sale's result goes back to the clerk first), once for a burst of commits;
 * `stop` drops one not yet made.
 */
export function createStatusPublisher(
  src: StatusSources,
  bus: EventBus,
): { current(): AppStatus; publish(): void; publishSoon(): void; stop(): void } {
  let last = '';
  let scheduled: NodeJS.Immediate | null = null;
  const publish = (): void => {
    const status = computeStatus(src);
    const key = JSON.stringify(status);
    if (key === last) return;
    last = key;
    bus.emit('app.status', status);
  };
  return {
    current: () => computeStatus(src),
    publish,
    publishSoon() {
      scheduled ??= setImmediate(() => {
        scheduled = null;
        try {
          publish();
        } catch (err) {
          // Out of any caller's reach here: said, not thrown into the event loop (the next publish tries again).
          console.warn(`status not published: ${(err as Error).message}`);
        }
      });
    },
    /** Drops a publish not yet made (the services are closing). */
    stop() {
      if (scheduled) clearImmediate(scheduled);
      scheduled = null;
    },
  };
}
