import { call } from '../contract/contract-client';
import { currentL10n } from '../i18n/locale-store';
import { useAppStore } from '../store/app-store';

/**
 * Locks the till (the Lock button, Alt+L), as auto-lock does. Not while a sale waits for its answer: locking then
 * would take the Sell screen away before the clerk saw whether the sale went through, so the clerk is told to lock
 * once it shows (a few seconds at most, the online wait).
 */
export function lockTill(): void {
  const { saleInFlight, toast, setSession } = useAppStore.getState();
  if (saleInFlight) {
    toast('warn', currentL10n().m.app.nav.lockWaitsForSale);
    return;
  }
  call('session.lock', {})
    .then(setSession)
    .catch(() => undefined);
}
