import { useL10n } from '../../i18n/locale-store';
import { useAppStore } from '../../store/app-store';

/** Says, in plain words, why this terminal cannot sell while the central API refuses it (revoked, suspended). */
export function TerminalBlockedBanner() {
  const blocked = useAppStore((s) => s.status?.blocked ?? null);
  const t = useL10n().m.sell;
  if (!blocked) return null;
  return (
    <div className="blocked-banner" role="alert" data-testid="terminal-blocked">
      <strong>{t.blocked}</strong> <span>{blocked.message}</span>
    </div>
  );
}
