import type { HandlerSlice } from '../contract/handlers';
import type { ClerkAdmin } from './clerk-admin';
import type { SessionManager } from './session-manager';

/** Clerk management (signed-in manager only). */
export function createClerkAdminHandlers(
  admin: ClerkAdmin,
  session: SessionManager,
): HandlerSlice<'clerks.manage' | 'clerks.update' | 'clerks.resetPin'> {
  return {
    'clerks.manage': () => {
      session.requireClerk('manager');
      return admin.view();
    },
    'clerks.update': (change) => admin.update(session.requireClerk('manager'), change),
    'clerks.resetPin': ({ clerkId, pin }) => admin.resetPin(session.requireClerk('manager'), clerkId, pin),
  };
}
