import type { SessionManager } from '../clerks/session-manager';
import type { HandlerSlice } from '../contract/handlers';
import type { TerminalIdentityStore } from '../terminal/terminal-identity-store';
import type { ReportQueries } from './report-queries';

/** The Reports screen's figures (signed-in manager). */
export function createReportHandlers(
  reports: ReportQueries,
  session: SessionManager,
  identity: TerminalIdentityStore,
): HandlerSlice<'reports.sales'> {
  return {
    'reports.sales': ({ from, to }) => {
      session.requireClerk('manager');
      return reports.sales(from, to, identity.require().currency);
    },
  };
}
