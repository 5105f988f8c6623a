import type { HandlerSlice } from '../contract/handlers';
import type { SessionManager } from './session-manager';

/** Handlers for clerks and the sign-in session. */
export function createClerkHandlers(
  session: SessionManager,
): HandlerSlice<
  | 'clerks.list'
  | 'clerks.create'
  | 'session.current'
  | 'session.signIn'
  | 'session.signOut'
  | 'session.lock'
  | 'session.activity'
> {
  return {
    'clerks.list': () => session.listClerks(),
    'clerks.create': (input) => session.createClerk(input),
    'session.current': () => session.state(),
    'session.signIn': ({ clerkId, pin }) => session.signIn(clerkId, pin),
    'session.signOut': () => session.signOut(),
    'session.lock': () => session.lock(),
    // The dispatcher already counted the call as activity; answer whether a clerk is still signed in.
    'session.activity': () => ({ signedIn: session.state().clerk !== null }),
  };
}
