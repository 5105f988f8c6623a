import { useAppStore } from '../../store/app-store';

/** Says, in plain words, why this terminal cannot sell while the central API refuses it (revoked, suspended). */
export function TerminalBlockedBanner() {
  const blocked = useAppStore((s) => s.status?.blocked ?? null);
  if (!blocked) return null;
  return (
    <div className="blocked-banner" role="alert" data-testid="terminal-blocked">
      <strong>Sales are stopped.</strong> <span>{blocked.message}</span>
    </div>
  );
}
