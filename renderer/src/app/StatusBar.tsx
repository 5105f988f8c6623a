import type { AppStatus } from '../../../core/contract/types/status';
import { useAppStore } from '../store/app-store';
import { formatLocalTime, formatShortLocalTime } from '../format/local-time';
import { moneyText } from '../format/money-text';
import { useOfflineHeadroom } from './offline-headroom';
import { useStatusAnnouncement } from './status-announcement';
import '../styles/accessibility.css';

/** The connection pill's word and colour, and the reason beside it (blocked, or why offline), if any. */
function connectionState(status: AppStatus | null): {
  readonly pill: string;
  readonly tone: 'online' | 'offline' | 'idle';
  readonly reason: string | null;
  readonly title: string | null;
} {
  if (status && !status.enrolled) return { pill: 'Not enrolled', tone: 'idle', reason: null, title: null };
  if (status?.blocked) {
    const since = formatLocalTime(status.blocked.since);
    return {
      pill: 'Blocked',
      tone: 'offline',
      reason: status.blocked.message,
      title: `Blocked since ${since}: ${status.blocked.message} No sales until this is resolved.`,
    };
  }
  if (status?.clockWarning) {
    const online = status.online;
    return {
      pill: online ? 'Online' : 'Offline',
      tone: online ? 'online' : 'offline',
      reason: status.clockWarning,
      title: status.clockWarning,
    };
  }
  if (status?.online) return { pill: 'Online', tone: 'online', reason: null, title: null };
  const reason = status?.lastError ?? null;
  return { pill: 'Offline', tone: 'offline', reason, title: reason ? `Offline: ${reason}` : null };
}

/**
 * The bottom bar: online/offline (or blocked) with the reason in full, pending sync count, last sync, credits,
 * terminal and clerk. Always visible. With a reason the bar takes two lines, so the reason is never cut off on a
 * narrow window (and its full text is also the tooltip).
 */
export function StatusBar() {
  const status = useAppStore((s) => s.status);
  const hostReachable = useAppStore((s) => s.hostReachable);
  const tokenRejected = useAppStore((s) => s.tokenRejected);
  const headroom = useOfflineHeadroom();
  const announcement = useStatusAnnouncement(status);
  if (tokenRejected) {
    return (
      <footer className="status-bar status-error" role="status" data-testid="status-bar">
        <span className="pill pill-offline">No session</span>
        <span>Open the address that npm run web printed.</span>
      </footer>
    );
  }
  if (!hostReachable) {
    return (
      <footer className="status-bar status-error" role="status" data-testid="status-bar">
        <span className="pill pill-offline">Service not answering</span>
        <span>The local Refill Desk service stopped responding. Restart the app.</span>
      </footer>
    );
  }
  const state = connectionState(status);
  const pill = (
    <span className={`pill pill-${state.tone}`} data-testid="status-online" title={state.title ?? undefined}>
      {state.pill}
    </span>
  );
  const sync = (
    <>
      <span data-testid="status-pending">
        {status?.syncing ? 'Syncing… ' : ''}Pending: <strong>{status?.pendingCount ?? 0}</strong>
      </span>
      <span data-testid="status-last-sync">
        Last sync: <strong>{status?.lastSyncAt ? formatShortLocalTime(status.lastSyncAt) : 'never'}</strong>
      </span>
      <span className="spacer" />
      {status?.availableBalance !== null && status?.availableBalance !== undefined ? (
        <span data-testid="status-balance">
          Credits: <strong>{moneyText(status.availableBalance, status.currency)}</strong>
        </span>
      ) : null}
      {headroom ? (
        <>
          <span data-testid="status-offline-allowance">
            Offline left: <strong>{moneyText(headroom.totalLeft, status?.currency)}</strong>
          </span>
          <span data-testid="status-offline-per-sale">
            Per sale: <strong>{moneyText(headroom.perSaleMax, status?.currency)}</strong>
          </span>
        </>
      ) : null}
    </>
  );
  // The bar itself is not a live region (it changes on every sync tick); this line says what is worth hearing.
  const spoken = (
    <span className="screen-reader-only" role="status" data-testid="status-announcement">
      {announcement}
    </span>
  );
  const who = (
    <>
      <span data-testid="status-terminal">
        Terminal: <strong>{status?.terminalName ?? 'not enrolled'}</strong>
      </span>
      <span data-testid="status-clerk">
        Clerk: <strong>{status?.clerkName ?? 'signed out'}</strong>
      </span>
    </>
  );
  if (!state.reason) {
    return (
      <footer className="status-bar" data-testid="status-bar">
        {spoken}
        {pill}
        {sync}
        {who}
      </footer>
    );
  }
  // Offline or blocked: the reason in full on the first line (with who is at the terminal), the figures below.
  return (
    <footer
      className={status?.blocked ? 'status-bar status-bar-rows status-blocked' : 'status-bar status-bar-rows'}
      data-testid="status-bar"
    >
      {spoken}
      <div className="status-row">
        {pill}
        <span className="status-reason-text" data-testid="status-reason" title={state.title ?? undefined}>
          {state.reason}
        </span>
        {who}
      </div>
      <div className="status-row">{sync}</div>
    </footer>
  );
}
