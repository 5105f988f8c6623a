import { useAppStore } from '../store/app-store';
import { formatShortLocalTime } from '../format/local-time';
import { moneyText } from '../format/money-text';

/** The bottom bar: online/offline, pending sync count, last sync, terminal and clerk. Always visible. */
export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const hostReachable = useAppStore((s) => s.hostReachable);
  if (!hostReachable) {
    return (
      <footer className="status-bar status-error" role="status" data-testid="status-bar">
        <span className="pill pill-offline">Service not answering</span>
        <span>The local Refill Desk service stopped responding. Restart the app.</span>
      </footer>
    );
  }
  const online = status?.online ?? false;
  return (
    <footer className="status-bar" role="status" aria-live="polite" data-testid="status-bar">
      {status && !status.enrolled ? (
        <span className="pill pill-idle" data-testid="status-online">
          Not enrolled
        </span>
      ) : (
        <span className={online ? 'pill pill-online' : 'pill pill-offline'} data-testid="status-online">
          {online ? 'Online' : 'Offline'}
        </span>
      )}
      <span data-testid="status-pending">
        {status?.syncing ? 'Syncing… ' : ''}Pending: <strong>{status?.pendingCount ?? 0}</strong>
      </span>
      <span data-testid="status-last-sync">
        Last sync: <strong>{status?.lastSyncAt ? formatShortLocalTime(status.lastSyncAt) : 'never'}</strong>
      </span>
      {!online && status?.lastError ? (
        <span className="status-error-text" title={status.lastError}>
          {status.lastError}
        </span>
      ) : null}
      <span className="spacer" />
      {status?.availableBalance !== null && status?.availableBalance !== undefined ? (
        <span data-testid="status-balance">
          Credits: <strong>{moneyText(status.availableBalance, status.currency)}</strong>
        </span>
      ) : null}
      {!online && status?.offlineAllowance !== null && status?.offlineAllowance !== undefined ? (
        <span data-testid="status-offline-allowance">
          Offline left: <strong>{moneyText(status.offlineAllowance, status.currency)}</strong>
        </span>
      ) : null}
      <span data-testid="status-terminal">
        Terminal: <strong>{status?.terminalName ?? 'not enrolled'}</strong>
      </span>
      <span data-testid="status-clerk">
        Clerk: <strong>{status?.clerkName ?? 'signed out'}</strong>
      </span>
    </footer>
  );
}
