import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { Clock } from '../ledger/ledger-types';
import type { SettingsStore } from './terminal-settings';

/** Handlers for the Settings screen: anyone may read; changes need a signed-in manager. */
export function createSettingsHandlers(
  store: SettingsStore,
  session: SessionManager,
  clock: Clock,
): HandlerSlice<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => store.get(),
    'settings.update': (patch) => {
      session.requireClerk('manager');
      const next = store.update(patch, new Date(clock()).toISOString());
      // Re-arm the auto-lock timer with the new delay.
      if (patch.autoLockMinutes !== undefined) session.noteActivity();
      return next;
    },
  };
}
