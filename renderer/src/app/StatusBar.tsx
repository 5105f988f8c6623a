import type { AppStatus } from '../../../core/contract/types/status';
import type { Catalog } from '../../../core/i18n/catalog';
import { useL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';
import { formatLocalTime, formatShortLocalTime } from '../format/local-time';
import { moneyText } from '../format/money-text';
import { useOfflineHeadroom } from './offline-headroom';
import { useStatusAnnouncement } from './status-announcement';
import '../styles/accessibility.css';

/** The connection pill's word and colour, and the reason beside it (blocked, or why offline), if any. */
function connectionState(
  status: AppStatus | null,
  t: Catalog['app']['status'],
): {
  readonly pill: string;
  readonly tone: 'online' | 'offline' | 'idle';
  readonly reason: string | null;
  readonly title: string | null;
} {
  if (status && !status.enrolled) return { pill: t.notEnrolled, tone: 'idle', reason: null, title: null };
  if (status?.blocked) {
    const since = formatLocalTime(status.blocked.since);
    return {
      pill: t.blocked,
      tone: 'offline',
      reason: status.blocked.message,
      title: t.blockedTitle({ since, message: status.blocked.message }),
    };
  }
  if (status?.clockWarning) {
    const online = status.online;
    return {
      pill: online ? t.online : t.offline,
      tone: online ? 'online' : 'offline',
      reason: status.clockWarning,
      title: status.clockWarning,
    };
  }
  if (status?.online) return { pill: t.online, tone: 'online', reason: null, title: null };
  const reason = status?.lastError ?? null;
  return { pill: t.offline, tone: 'offline', reason, title: reason ? t.offlineTitle({ reason }) : null };
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
  const { m, fmt } = useL10n();
  const t = m.app.status;
  if (tokenRejected) {
    return (
      <footer className="status-bar status-error" role="status" data-testid="status-bar">
        <span className="pill pill-offline">{t.noSession}</span>
        <span>{t.openPrintedAddress}</span>
      </footer>
    );
  }
  if (!hostReachable) {
    return (
      <footer className="status-bar status-error" role="status" data-testid="status-bar">
        <span className="pill pill-offline">{t.serviceDown}</span>
        <span>{t.serviceDownHint}</span>
      </footer>
    );
  }
  const state = connectionState(status, t);
  const pill = (
    <span className={`pill pill-${state.tone}`} data-testid="status-online" title={state.title ?? undefined}>
      {state.pill}
    </span>
  );
  const sync = (
    <>
      <span data-testid="status-pending">
        {status?.syncing ? `${t.syncing} ` : ''}
        {t.pending} <strong>{fmt.count(status?.pendingCount ?? 0)}</strong>
      </span>
      <span data-testid="status-last-sync">
        {t.lastSync} <strong>{status?.lastSyncAt ? formatShortLocalTime(status.lastSyncAt) : t.never}</strong>
      </span>
      <span className="spacer" />
      {status?.availableBalance !== null && status?.availableBalance !== undefined ? (
        <span data-testid="status-balance">
          {t.credits} <strong>{moneyText(status.availableBalance, status.currency)}</strong>
        </span>
      ) : null}
      {headroom ? (
        <>
          <span data-testid="status-offline-allowance">
            {t.offlineLeft} <strong>{moneyText(headroom.totalLeft, status?.currency)}</strong>
          </span>
          <span data-testid="status-offline-per-sale">
            {t.perSale} <strong>{moneyText(headroom.perSaleMax, status?.currency)}</strong>
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
        {t.terminal} <strong>{status?.terminalName ?? t.terminalNotEnrolled}</strong>
      </span>
      <span data-testid="status-clerk">
        {t.clerk} <strong>{status?.clerkName ?? t.signedOut}</strong>
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
